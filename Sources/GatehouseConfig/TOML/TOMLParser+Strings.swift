/// The four TOML string forms: basic `"…"`, literal `'…'`, and their multi-line `"""…"""` / `'''…'''` forms.
extension TOMLParser {
    mutating func parseBasicString() throws -> String {
        let startLine = line
        advance()
        var out: [UInt8] = []
        while true {
            guard let c = peek() else { throw error("unterminated string", line: startLine) }
            switch c {
            case .quote:
                advance()
                return String(decoding: out, as: UTF8.self)
            case .backslash:
                try parseEscape(into: &out)
            case .lf, .cr:
                throw error("unterminated string: a \"…\" string cannot span lines (use \"\"\"…\"\"\" for that)")
            default:
                try appendStringByte(c, to: &out)
            }
        }
    }

    mutating func parseLiteralString() throws -> String {
        let startLine = line
        advance()
        var out: [UInt8] = []
        while true {
            guard let c = peek() else { throw error("unterminated string", line: startLine) }
            switch c {
            case .apostrophe:
                advance()
                return String(decoding: out, as: UTF8.self)
            case .lf, .cr:
                throw error("unterminated string: a '…' string cannot span lines (use '''…''' for that)")
            default:
                try appendStringByte(c, to: &out)
            }
        }
    }

    /// `"""…"""` (with escapes and line-ending backslashes) or `'''…'''` (verbatim). A newline right after the
    /// opening delimiter is dropped; up to two quotes may stand right before the closing delimiter.
    mutating func parseMultiLineString(literal: Bool) throws -> String {
        let startLine = line
        let delimiter: UInt8 = literal ? .apostrophe : .quote
        advance(3)
        if peek() == .lf || (peek() == .cr && peek(1) == .lf) { try consumeNewline() }
        var out: [UInt8] = []
        while true {
            guard let c = peek() else {
                throw unterminated("multi-line string", literal ? "'''" : "\"\"\"", line: startLine)
            }
            switch c {
            case delimiter:
                var run = 0
                while peek(run) == delimiter { run += 1 }
                if run >= 3 {
                    guard run <= 5 else { throw error("too many quotes at the end of a multi-line string") }
                    out.append(contentsOf: repeatElement(delimiter, count: run - 3))
                    advance(run)
                    return String(decoding: out, as: UTF8.self)
                }
                out.append(contentsOf: repeatElement(delimiter, count: run))
                advance(run)
            case .backslash where !literal:
                if isLineEndingBackslash() {
                    advance()
                    while let b = peek(), b == .space || b == .tab || b == .lf || b == .cr {
                        if b == .cr { try consumeNewline() } else { advance() }
                    }
                } else {
                    try parseEscape(into: &out)
                }
            case .lf, .cr:
                try consumeNewline()
                out.append(.lf)
            default:
                try appendStringByte(c, to: &out)
            }
        }
    }

    /// Whether the backslash at `pos` is followed only by spaces up to the line end.
    func isLineEndingBackslash() -> Bool {
        var offset = 1
        while let b = peek(offset), b == .space || b == .tab { offset += 1 }
        return peek(offset) == .lf || (peek(offset) == .cr && peek(offset + 1) == .lf)
    }

    mutating func appendStringByte(_ c: UInt8, to out: inout [UInt8]) throws {
        guard !c.isForbiddenInString else {
            throw error("\(describe(c)) is not allowed in a string; write it as an escape such as \\u0001")
        }
        out.append(c)
        advance()
    }

    /// Parses `\x` at `pos` and appends the character it stands for.
    mutating func parseEscape(into out: inout [UInt8]) throws {
        advance()
        guard let e = peek() else { throw error("unterminated escape sequence") }
        advance()
        switch e {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "e"): out.append(0x1B)
        case .quote: out.append(.quote)
        case .backslash: out.append(.backslash)
        case UInt8(ascii: "u"): try appendScalar(hexDigits: 4, to: &out)
        case UInt8(ascii: "U"): try appendScalar(hexDigits: 8, to: &out)
        default:
            throw error("invalid escape sequence '\\\(e.isBareKeyCharacter ? String(UnicodeScalar(e)) : "…")'")
        }
    }

    mutating func appendScalar(hexDigits: Int, to out: inout [UInt8]) throws {
        var value: UInt32 = 0
        for _ in 0..<hexDigits {
            guard let h = peek(), let digit = h.hexDigitValue else {
                throw error("a \\\(hexDigits == 4 ? "u" : "U") escape needs \(hexDigits) hexadecimal digits")
            }
            value = value &* 16 &+ UInt32(digit)
            advance()
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw error("escape U+\(String(value, radix: 16, uppercase: true)) is not a Unicode scalar value")
        }
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
    }
}

extension UInt8 {
    /// The value of an ASCII hexadecimal digit.
    var hexDigitValue: UInt8? {
        switch self {
        case 0x30...0x39: return self - 0x30
        case 0x41...0x46: return self - 0x41 + 10
        case 0x61...0x66: return self - 0x61 + 10
        default: return nil
        }
    }
}
