/// Reads the keys of one TOML table into typed settings, reporting every problem to the shared context instead of
/// stopping, and — in `finish()` — every key it was never asked for as `unknown key`.
final class TableReader {
    let table: TOMLTable
    /// Dotted path of this table for messages: `""` (root), `tls`, `upstream[1]`.
    let path: String
    /// The same path with array indices dropped, for the schema: `upstream[]`.
    let schemaPath: String
    let context: ConfigDecodingContext
    private var known: [String] = []

    init(_ table: TOMLTable, path: String, schemaPath: String, context: ConfigDecodingContext) {
        self.table = table
        self.path = path
        self.schemaPath = schemaPath
        self.context = context
        if !path.isEmpty { context.lines[path] = table.line }
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
    private func schemaKey(_ key: String) -> String { schemaPath.isEmpty ? key : "\(schemaPath).\(key)" }

    /// Looks `key` up, marking it as known (and as a schema key when `isLeaf`).
    private func lookUp(_ key: String, isLeaf: Bool = true) -> TOMLTable.Entry? {
        known.append(key)
        if isLeaf { context.requestedKeys.insert(schemaKey(key)) }
        guard let entry = table[key] else { return nil }
        context.lines[keyPath(key)] = entry.value.line
        return entry
    }

    /// Whether the table sets `key` (marks it as known).
    func contains(_ key: String) -> Bool { lookUp(key) != nil }

    /// The value of `key` converted, or nil when it is absent or invalid (invalid values are reported).
    func read<T>(_ key: String, _ converter: ValueConverter<T>) -> T? {
        guard let entry = lookUp(key) else { return nil }
        switch converter.convert(entry.value) {
        case .success(let value):
            return value
        case .failure(let failure):
            context.report(line: failure.line ?? entry.value.line, key: keyPath(key), failure.message)
            return nil
        }
    }

    /// The value of `key` converted, or `defaultValue` when it is absent or invalid.
    func read<T>(_ key: String, _ converter: ValueConverter<T>, default defaultValue: T) -> T {
        read(key, converter) ?? defaultValue
    }

    /// Like `read`, but a missing key is reported too (on the table's header line).
    func require<T>(_ key: String, _ converter: ValueConverter<T>, _ hint: String) -> T? {
        if table[key] == nil {
            _ = lookUp(key)
            context.report(line: table.line, key: keyPath(key), "missing; \(hint)")
            return nil
        }
        return read(key, converter)
    }

    /// A reader for the sub-table `key` (`[tls]`); an empty one when absent or of the wrong type (reported).
    func section(_ key: String) -> TableReader {
        let childPath = keyPath(key)
        let childSchema = schemaKey(key)
        guard let entry = lookUp(key, isLeaf: false) else {
            return TableReader(TOMLTable(line: table.line), path: childPath, schemaPath: childSchema, context: context)
        }
        guard case .table(let child) = entry.value.kind else {
            context.report(line: entry.value.line, key: childPath,
                           "expected a table ([\(childPath)]), got \(entry.value.shortDescription)")
            return TableReader(TOMLTable(line: entry.value.line), path: childPath, schemaPath: childSchema,
                               context: context)
        }
        return TableReader(child, path: childPath, schemaPath: childSchema, context: context)
    }

    /// Readers for the array of tables `key` (`[[upstream]]`); nil when absent or of the wrong type (reported).
    func tableArray(_ key: String) -> [TableReader]? {
        let childPath = keyPath(key)
        guard let entry = lookUp(key, isLeaf: false) else { return nil }
        guard case .array(let items) = entry.value.kind else {
            context.report(line: entry.value.line, key: childPath,
                           "expected an array of tables ([[\(childPath)]]), got \(entry.value.shortDescription)")
            return nil
        }
        var readers: [TableReader] = []
        for (index, item) in items.enumerated() {
            guard case .table(let child) = item.kind else {
                context.report(line: item.line, key: "\(childPath)[\(index)]",
                               "expected a table, got \(item.shortDescription)")
                continue
            }
            readers.append(TableReader(child, path: "\(childPath)[\(index)]", schemaPath: "\(schemaKey(key))[]",
                                       context: context))
        }
        return readers
    }

    /// Reports every key of the table that no one asked for, with a suggestion when one is close.
    func finish() {
        for entry in table.entries where !known.contains(entry.key) {
            var message = "unknown key"
            if let suggestion = TableReader.closest(to: entry.key, in: known) {
                message += " (did you mean \"\(suggestion)\"?)"
            }
            context.report(line: entry.keyLine, key: keyPath(entry.key), message)
        }
    }

    /// The known key nearest to `key` by edit distance, if near enough to be a likely typo.
    static func closest(to key: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(Array(key), Array($0))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        if best.1 <= max(2, min(key.count, best.0.count) / 3) { return best.0 }
        // A truncated or extended name (`max_header` for `max_header_size`).
        return key.count >= 4 ? candidates.first { $0.hasPrefix(key) || key.hasPrefix($0) } : nil
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
