/// Byte-level helpers of the parser: looking ahead, whitespace, comments and line ends.
extension TOMLParser {
    func peek(_ offset: Int = 0) -> UInt8? {
        let index = pos + offset
        return index < bytes.count ? bytes[index] : nil
    }

    /// Consumes one byte, counting lines.
    mutating func advance(_ count: Int = 1) {
        for _ in 0..<count where pos < bytes.count {
            if bytes[pos] == .lf { line += 1 }
            pos += 1
        }
    }

    mutating func skipSpaces() {
        while let c = peek(), c == .space || c == .tab { advance() }
    }

    /// Skips a `#` comment up to (not including) the line end.
    mutating func skipComment() {
        guard peek() == .hash else { return }
        while let c = peek(), c != .lf, c != .cr { advance() }
    }

    /// Consumes `\n` or `\r\n`; a lone `\r` is an error.
    mutating func consumeNewline() throws {
        if peek() == .lf {
            advance()
        } else if peek() == .cr && peek(1) == .lf {
            advance(2)
        } else {
            throw error("a carriage return must be followed by a line feed")
        }
    }

    /// After a header or a key/value: only spaces and a comment may follow before the line ends.
    mutating func expectEndOfLine(after what: String) throws {
        skipSpaces()
        skipComment()
        guard let c = peek() else { return }
        guard c == .lf || c == .cr else {
            throw error("expected the end of the line after \(what), found \(describe(c))")
        }
        try consumeNewline()
    }

    /// Skips spaces, comments and line ends (inside arrays and inline tables).
    mutating func skipBlank() throws {
        while let c = peek() {
            switch c {
            case .space, .tab: advance()
            case .hash: skipComment()
            case .lf, .cr: try consumeNewline()
            default: return
            }
        }
    }
}

extension UInt8 {
    static let tab: UInt8 = 0x09
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let hash: UInt8 = 0x23
    static let apostrophe: UInt8 = 0x27
    static let comma: UInt8 = 0x2C
    static let dot: UInt8 = 0x2E
    static let equals: UInt8 = 0x3D
    static let lbracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let rbracket: UInt8 = 0x5D
    static let lbrace: UInt8 = 0x7B
    static let rbrace: UInt8 = 0x7D

    /// `A-Z a-z 0-9 _ -`: the characters of a bare key.
    var isBareKeyCharacter: Bool {
        (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self) || (0x30...0x39).contains(self)
            || self == 0x5F || self == 0x2D
    }

    /// Bytes that end an unquoted value such as a number or a boolean.
    var endsBareValue: Bool {
        switch self {
        case .space, .tab, .lf, .cr, .comma, .rbracket, .rbrace, .hash: return true
        default: return false
        }
    }

    /// Control characters that TOML forbids unescaped in strings (tab is allowed).
    var isForbiddenInString: Bool {
        (self < 0x20 && self != .tab) || self == 0x7F
    }
}
