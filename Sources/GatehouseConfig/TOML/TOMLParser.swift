/// A TOML parser that keeps the line of every key and value.
///
/// Accepts TOML 1.0: comments, bare/quoted/dotted keys, `[table]`, `[[array.of.tables]]`, basic and literal strings
/// (single- and multi-line, with escapes), integers (decimal with `_`, hex, octal, binary), floats (including `inf`
/// and `nan`), booleans, arrays (multi-line, trailing comma) and inline tables. From TOML 1.1 it also accepts
/// newlines and a trailing comma inside inline tables and the `\e` escape. Dates and times are rejected with a clear
/// message: Gatehouse has no setting that takes one. The first syntax error stops parsing and is thrown as
/// `TOMLSyntaxError`; redefining a key or table is a syntax error too.
public struct TOMLParser {
    /// Parses a whole document into its root table.
    public static func parse(_ text: String) throws -> TOMLTable {
        var parser = TOMLParser(text: text)
        return try parser.parseDocument()
    }

    /// One part of a (possibly dotted) key and the line it was written on.
    struct KeyPart {
        var name: String
        var line: Int
    }

    /// Deepest nesting of arrays and inline tables accepted; keeps recursion bounded on hostile input.
    static let maximumNesting = 64

    let bytes: [UInt8]
    var pos = 0
    var line = 1
    var nesting = 0
    let root = TOMLTableNode(origin: .header, line: 1)
    var current: TOMLTableNode
    var currentPath: [String] = []

    init(text: String) {
        bytes = Array(text.utf8)
        current = root
    }

    // MARK: Document structure

    mutating func parseDocument() throws -> TOMLTable {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { pos = 3 }
        while true {
            skipSpaces()
            guard let c = peek() else { break }
            switch c {
            case .hash:
                skipComment()
            case .lf:
                advance()
            case .cr:
                try consumeNewline()
            case .lbracket:
                try parseHeader()
                try expectEndOfLine(after: "the table header")
            default:
                try parseKeyValue(into: current, path: currentPath)
                try expectEndOfLine(after: "the value")
            }
        }
        return root.freeze()
    }

    mutating func parseHeader() throws {
        let headerLine = line
        advance()
        let isArray = peek() == .lbracket
        if isArray { advance() }
        let parts = try parseKey()
        skipSpaces()
        guard peek() == .rbracket else {
            throw error("expected ']' to close the table header, found \(describe(peek()))")
        }
        advance()
        if isArray {
            guard peek() == .rbracket else {
                throw error("expected ']]' to close the array-of-tables header, found \(describe(peek()))")
            }
            advance()
        }
        try openTable(parts, isArray: isArray, headerLine: headerLine)
    }

    /// Makes the table named by a `[header]` or `[[header]]` the current one, creating parents implicitly.
    mutating func openTable(_ parts: [KeyPart], isArray: Bool, headerLine: Int) throws {
        guard let last = parts.last else { throw error("expected a table name") }
        var table = root
        var path: [String] = []
        for part in parts.dropLast() {
            path.append(part.name)
            if let existing = table[part.name] {
                switch existing.item {
                case .table(let child):
                    table = child
                case .tableArray(let array):
                    guard let element = array.tables.last else { throw error("internal error: empty array of tables") }
                    table = element
                case .value(let value):
                    if case .table = value.kind {
                        throw error("cannot extend the inline table \(render(path)) (line \(existing.keyLine))")
                    }
                    throw error("\(render(path)) already holds a value (line \(existing.keyLine))")
                }
            } else {
                let child = TOMLTableNode(origin: .implicit, line: headerLine)
                table.set(part.name, keyLine: headerLine, .table(child))
                table = child
            }
        }
        path.append(last.name)
        let name = render(path)
        let opened = TOMLTableNode(origin: .header, line: headerLine)
        if let existing = table[last.name] {
            switch (existing.item, isArray) {
            case (.tableArray(let array), true):
                array.append(opened)
            case (.table, true):
                throw error("cannot define [[\(name)]]: \(name) is already a table (line \(existing.keyLine))")
            case (.value, true):
                throw error("cannot define [[\(name)]]: \(name) already holds a value (line \(existing.keyLine))")
            case (.table(let child), false):
                switch child.origin {
                case .implicit:
                    child.origin = .header
                    child.line = headerLine
                    table.set(last.name, keyLine: headerLine, .table(child))
                    current = child
                    currentPath = path
                    return
                case .header:
                    throw error("table [\(name)] is defined twice (first on line \(child.line))")
                case .dotted:
                    throw error("table [\(name)] was already created by dotted keys on line \(child.line)")
                }
            case (.tableArray, false):
                throw error("[\(name)] is an array of tables (see [[\(name)]] on line \(existing.keyLine))")
            case (.value, false):
                throw error("\(name) already holds a value (line \(existing.keyLine))")
            }
        } else if isArray {
            table.set(last.name, keyLine: headerLine, .tableArray(TOMLTableArrayNode(first: opened)))
        } else {
            table.set(last.name, keyLine: headerLine, .table(opened))
        }
        current = opened
        currentPath = path
    }

    // MARK: Keys

    /// Parses a simple or dotted key, stopping before whatever follows it (`=`, `]`).
    mutating func parseKey() throws -> [KeyPart] {
        var parts: [KeyPart] = []
        while true {
            skipSpaces()
            let keyLine = line
            guard let c = peek() else { throw error("expected a key, found the end of the file") }
            let name: String
            if c == .quote || c == .apostrophe {
                if peek(1) == c && peek(2) == c {
                    throw error("a multi-line string cannot be a key")
                }
                name = c == .quote ? try parseBasicString() : try parseLiteralString()
            } else if c.isBareKeyCharacter {
                let start = pos
                while let b = peek(), b.isBareKeyCharacter { advance() }
                name = String(decoding: bytes[start..<pos], as: UTF8.self)
            } else {
                throw error("expected a key, found \(describe(c))")
            }
            parts.append(KeyPart(name: name, line: keyLine))
            skipSpaces()
            guard peek() == .dot else { return parts }
            advance()
        }
    }

    mutating func parseKeyValue(into table: TOMLTableNode, path: [String]) throws {
        let parts = try parseKey()
        skipSpaces()
        guard peek() == .equals else {
            throw error("expected '=' after the key \(render(parts.map(\.name))), found \(describe(peek()))")
        }
        advance()
        skipSpaces()
        let value = try parseValue()
        try insert(parts, value: value, into: table, path: path)
    }

    /// Stores `value` under a (dotted) key of `table`, creating intermediate tables; a key set twice is an error.
    func insert(_ parts: [KeyPart], value: TOMLValue, into table: TOMLTableNode, path: [String]) throws {
        guard let last = parts.last else { throw error("expected a key") }
        var node = table
        var fullPath = path
        for part in parts.dropLast() {
            fullPath.append(part.name)
            if let existing = node[part.name] {
                switch existing.item {
                case .table(let child) where child.origin == .dotted:
                    node = child
                case .table:
                    throw error("cannot add keys to table \(render(fullPath)) with a dotted key: it has its own header",
                                line: part.line)
                case .tableArray:
                    throw error("\(render(fullPath)) is an array of tables, not a table", line: part.line)
                case .value:
                    throw error("\(render(fullPath)) already holds a value (line \(existing.keyLine))", line: part.line)
                }
            } else {
                let child = TOMLTableNode(origin: .dotted, line: part.line)
                node.set(part.name, keyLine: part.line, .table(child))
                node = child
            }
        }
        fullPath.append(last.name)
        if let existing = node[last.name] {
            throw error("duplicate key \(render(fullPath)) (first set on line \(existing.keyLine))", line: last.line)
        }
        node.set(last.name, keyLine: last.line, .value(value))
    }

    // MARK: Values

    mutating func parseValue() throws -> TOMLValue {
        let valueLine = line
        guard let c = peek() else { throw error("expected a value, found the end of the file") }
        switch c {
        case .quote:
            if peek(1) == .quote && peek(2) == .quote {
                return TOMLValue(.string(try parseMultiLineString(literal: false)), line: valueLine)
            }
            return TOMLValue(.string(try parseBasicString()), line: valueLine)
        case .apostrophe:
            if peek(1) == .apostrophe && peek(2) == .apostrophe {
                return TOMLValue(.string(try parseMultiLineString(literal: true)), line: valueLine)
            }
            return TOMLValue(.string(try parseLiteralString()), line: valueLine)
        case .lbracket:
            return try nested { try $0.parseArray() }
        case .lbrace:
            return try nested { try $0.parseInlineTable() }
        default:
            return TOMLValue(try parseBareValue(), line: valueLine)
        }
    }

    /// Runs a container parser one nesting level deeper, refusing absurd depths.
    mutating func nested(_ body: (inout TOMLParser) throws -> TOMLValue) throws -> TOMLValue {
        guard nesting < TOMLParser.maximumNesting else {
            throw error("arrays and inline tables are nested too deeply")
        }
        nesting += 1
        defer { nesting -= 1 }
        return try body(&self)
    }

    mutating func parseArray() throws -> TOMLValue {
        let arrayLine = line
        advance()
        var elements: [TOMLValue] = []
        while true {
            try skipBlank()
            guard let c = peek() else { throw unterminated("array", "]", line: arrayLine) }
            if c == .rbracket {
                advance()
                return TOMLValue(.array(elements), line: arrayLine)
            }
            elements.append(try parseValue())
            try skipBlank()
            guard let d = peek() else { throw unterminated("array", "]", line: arrayLine) }
            if d == .comma {
                advance()
            } else if d == .rbracket {
                advance()
                return TOMLValue(.array(elements), line: arrayLine)
            } else {
                throw error("expected ',' or ']' in the array, found \(describe(d))")
            }
        }
    }

    mutating func parseInlineTable() throws -> TOMLValue {
        let tableLine = line
        advance()
        let node = TOMLTableNode(origin: .header, line: tableLine)
        while true {
            try skipBlank()
            guard let c = peek() else { throw unterminated("inline table", "}", line: tableLine) }
            if c == .rbrace {
                advance()
                return TOMLValue(.table(node.freeze()), line: tableLine)
            }
            try parseKeyValue(into: node, path: [])
            try skipBlank()
            guard let d = peek() else { throw unterminated("inline table", "}", line: tableLine) }
            if d == .comma {
                advance()
            } else if d == .rbrace {
                advance()
                return TOMLValue(.table(node.freeze()), line: tableLine)
            } else {
                throw error("expected ',' or '}' in the inline table, found \(describe(d))")
            }
        }
    }

    /// Booleans, numbers, `inf`/`nan`: everything written without quotes or brackets.
    mutating func parseBareValue() throws -> TOMLValue.Kind {
        let start = pos
        while let c = peek(), !c.endsBareValue { advance() }
        let token = String(decoding: bytes[start..<pos], as: UTF8.self)
        if token.isEmpty { throw error("expected a value, found \(describe(peek()))") }
        if token == "true" { return .boolean(true) }
        if token == "false" { return .boolean(false) }
        do {
            return try TOMLNumber.parse(token)
        } catch let problem as TOMLNumber.Problem {
            throw error(problem.message)
        }
    }

    // MARK: Errors and rendering

    func error(_ message: String, line: Int? = nil) -> TOMLSyntaxError {
        TOMLSyntaxError(line: line ?? self.line, message: message)
    }

    /// An error for a string, array or inline table still open at the end of the file, on the line it opened.
    func unterminated(_ what: String, _ closing: String, line: Int) -> TOMLSyntaxError {
        error("unterminated \(what): no closing \(closing) before the end of the file", line: line)
    }

    /// A dotted key as it could be written back, quoting parts that are not bare keys.
    func render(_ path: [String]) -> String {
        path.map { part in
            if !part.isEmpty, part.utf8.allSatisfy(\.isBareKeyCharacter) { return part }
            return "\"\(TOMLValue.escapeForMessage(part))\""
        }.joined(separator: ".")
    }

    /// Names a byte (or the end of input) for "found …" messages.
    func describe(_ byte: UInt8?) -> String {
        guard let byte else { return "the end of the file" }
        switch byte {
        case .lf, .cr: return "the end of the line"
        case 0x21...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
        case .space: return "a space"
        case .tab: return "a tab"
        case 0x80...: return "a non-ASCII character"
        default: return "the control character 0x\(String(byte, radix: 16).leftPadded(to: 2))"
        }
    }
}
