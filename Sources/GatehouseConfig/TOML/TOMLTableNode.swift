/// A table under construction while a document is parsed. Mutable and reference-typed because headers and dotted
/// keys reach back into tables created earlier; `freeze()` turns the finished tree into `TOMLTable` values.
final class TOMLTableNode {
    /// How the table came into existence; TOML's rules on redefinition depend on it.
    enum Origin {
        /// Defined by a `[header]` (or the root table, or an element of `[[array]]`).
        case header
        /// Created as the parent of a header, e.g. `a` for `[a.b]`; a later `[a]` may still define it once.
        case implicit
        /// Created by a dotted key such as `a.b = 1`; may be extended by more dotted keys, never by a header.
        case dotted
    }

    /// What a key of the table holds.
    enum Item {
        case value(TOMLValue)
        case table(TOMLTableNode)
        case tableArray(TOMLTableArrayNode)
    }

    var origin: Origin
    var line: Int
    private(set) var keys: [String] = []
    private(set) var items: [String: (keyLine: Int, item: Item)] = [:]

    init(origin: Origin, line: Int) {
        self.origin = origin
        self.line = line
    }

    /// The item stored under `key`, if any.
    subscript(key: String) -> (keyLine: Int, item: Item)? {
        items[key]
    }

    /// Stores `item` under a new `key`; callers have checked that the key is free.
    func set(_ key: String, keyLine: Int, _ item: Item) {
        if items[key] == nil { keys.append(key) }
        items[key] = (keyLine, item)
    }

    /// The immutable value form of this table and everything below it.
    func freeze() -> TOMLTable {
        var entries: [TOMLTable.Entry] = []
        entries.reserveCapacity(keys.count)
        for key in keys {
            guard let (keyLine, item) = items[key] else { continue }
            let value: TOMLValue
            switch item {
            case .value(let v):
                value = v
            case .table(let node):
                value = TOMLValue(.table(node.freeze()), line: node.line)
            case .tableArray(let array):
                value = TOMLValue(.array(array.tables.map { TOMLValue(.table($0.freeze()), line: $0.line) }),
                                  line: array.line)
            }
            entries.append(TOMLTable.Entry(key: key, keyLine: keyLine, value: value))
        }
        return TOMLTable(entries: entries, line: line)
    }
}

/// An array of tables (`[[name]]`) under construction; never empty.
final class TOMLTableArrayNode {
    let line: Int
    private(set) var tables: [TOMLTableNode]

    init(first: TOMLTableNode) {
        self.line = first.line
        self.tables = [first]
    }

    func append(_ table: TOMLTableNode) { tables.append(table) }
}
