/// Parses TOML's unquoted numbers: decimal, hex (`0x`), octal (`0o`) and binary (`0b`) integers with `_`
/// separators, and floats (fraction and/or exponent, `inf`, `nan`, optionally signed).
enum TOMLNumber {
    /// Why a token is not a valid number.
    struct Problem: Error {
        var message: String
    }

    static func parse(_ token: String) throws -> TOMLValue.Kind {
        let chars = Array(token)
        if looksLikeDateOrTime(chars) {
            throw Problem(message: "dates and times are not supported here; write '\(token)' as a string")
        }
        var body = Substring(token)
        var negative = false
        var signed = false
        if let first = body.first, first == "+" || first == "-" {
            negative = first == "-"
            signed = true
            body = body.dropFirst()
        }
        if body == "inf" { return .float(negative ? -.infinity : .infinity) }
        if body == "nan" { return .float(.nan) }
        guard let first = body.first, first.isASCII, first.isNumber else {
            throw Problem(message: "invalid value '\(token)'; strings must be quoted, like \"\(token)\"")
        }
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where body.hasPrefix(prefix) {
            guard !signed else {
                throw Problem(message: "invalid number '\(token)': hex, octal and binary integers take no sign")
            }
            return .integer(try parseRadix(body.dropFirst(2), radix: radix, token: token))
        }
        if body.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            return .float(try parseFloat(body, negative: negative, token: token))
        }
        guard isDigitRun(body, radix: 10) else { throw Problem(message: "invalid number '\(token)'") }
        let digits = body.filter { $0 != "_" }
        guard digits.count == 1 || digits.first != "0" else {
            throw Problem(message: "invalid number '\(token)': leading zeros are not allowed")
        }
        guard let magnitude = UInt64(digits) else { throw outOfRange(token) }
        return .integer(try signedValue(magnitude, negative: negative, token: token))
    }

    static func parseRadix(_ body: Substring, radix: Int, token: String) throws -> Int64 {
        guard isDigitRun(body, radix: radix) else { throw Problem(message: "invalid number '\(token)'") }
        guard let magnitude = UInt64(body.filter { $0 != "_" }, radix: radix) else { throw outOfRange(token) }
        return try signedValue(magnitude, negative: false, token: token)
    }

    static func parseFloat(_ body: Substring, negative: Bool, token: String) throws -> Double {
        let invalid = Problem(message: "invalid number '\(token)'")
        var mantissa = body
        var exponent: Substring? = nil
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = body[..<e]
            exponent = body[body.index(after: e)...]
        }
        var integerPart = mantissa
        if let dot = mantissa.firstIndex(of: ".") {
            integerPart = mantissa[..<dot]
            guard isDigitRun(mantissa[mantissa.index(after: dot)...], radix: 10) else { throw invalid }
        }
        guard isDigitRun(integerPart, radix: 10) else { throw invalid }
        let integerDigits = integerPart.filter { $0 != "_" }
        guard integerDigits.count == 1 || integerDigits.first != "0" else {
            throw Problem(message: "invalid number '\(token)': leading zeros are not allowed")
        }
        if var exp = exponent {
            if let sign = exp.first, sign == "+" || sign == "-" { exp = exp.dropFirst() }
            guard isDigitRun(exp, radix: 10) else { throw invalid }
        }
        guard let value = Double(body.filter { $0 != "_" }), value.isFinite else {
            throw Problem(message: "number '\(token)' is out of range")
        }
        return negative ? -value : value
    }

    /// Digits of `radix`, with single underscores only between two digits.
    static func isDigitRun(_ s: Substring, radix: Int) -> Bool {
        guard let first = s.first, let last = s.last, first != "_", last != "_" else { return false }
        var previousUnderscore = false
        for c in s {
            if c == "_" {
                if previousUnderscore { return false }
                previousUnderscore = true
                continue
            }
            previousUnderscore = false
            guard c.isASCII, let digit = c.hexDigitValue, digit < radix else { return false }
        }
        return true
    }

    static func signedValue(_ magnitude: UInt64, negative: Bool, token: String) throws -> Int64 {
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            guard magnitude <= UInt64(Int64.max) else { throw outOfRange(token) }
            return -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { throw outOfRange(token) }
        return Int64(magnitude)
    }

    static func outOfRange(_ token: String) -> Problem {
        Problem(message: "integer '\(token)' does not fit in 64 bits")
    }

    /// `1979-05-27…` or `07:32:00`: TOML date/time literals, which Gatehouse does not use.
    static func looksLikeDateOrTime(_ c: [Character]) -> Bool {
        func digit(_ i: Int) -> Bool { i < c.count && c[i].isASCII && c[i].isNumber }
        if digit(0) && digit(1) && digit(2) && digit(3) && c.count > 4 && c[4] == "-" { return true }
        if digit(0) && digit(1) && c.count > 2 && c[2] == ":" { return true }
        return false
    }
}
