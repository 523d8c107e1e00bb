/// Finds the references of CSS and JavaScript files. Pure: bytes in, `AssetReference`s out.
///
/// The CSS scanner is a small tokenizer, not a regular expression: it skips comments and string literals, so a
/// `url(` inside `content: "…"` or inside a comment is not a reference, while a `sourceMappingURL` comment is.
public enum ReferenceScanner {
    /// The references of a file of the given syntax.
    public static func references(in bytes: [UInt8], syntax: AssetType.ReferenceSyntax) -> [AssetReference] {
        switch syntax {
        case .none: return []
        case .css: return css(bytes)
        case .javaScript: return javaScript(bytes)
        }
    }

    /// `url(…)`, `@import "…"` and `/*# sourceMappingURL=… */` in a stylesheet.
    public static func css(_ b: [UInt8]) -> [AssetReference] {
        var found: [AssetReference] = []
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c == slash, i + 1 < n, b[i + 1] == star {
                let bodyStart = i + 2
                var end = bodyStart
                while end + 1 < n, !(b[end] == star && b[end + 1] == slash) { end += 1 }
                let bodyEnd = end + 1 < n ? end : n
                if let ref = sourceMapComment(b, bodyStart, bodyEnd) { found.append(ref) }
                i = min(n, bodyEnd + 2)
            } else if c == quote || c == apostrophe {
                i = skipString(b, i)
            } else if c == at, matches(b, i, "@import") {
                var j = skipSpace(b, i + 7)
                if j < n, b[j] == quote || b[j] == apostrophe {
                    let close = skipString(b, j)
                    // skipString stops after the closing quote, or at a newline/end for an unterminated string.
                    if close - 1 > j, b[close - 1] == b[j] {
                        found.append(make(.import, b, (j + 1)..<(close - 1)))
                    }
                    j = close
                }
                i = max(j, i + 7)
            } else if (c == 0x75 || c == 0x55), matches(b, i, "url("), i == 0 || !isIdentifier(b[i - 1]) {
                var j = skipSpace(b, i + 4)
                if j < n, b[j] == quote || b[j] == apostrophe {
                    let close = skipString(b, j)
                    if close - 1 > j, b[close - 1] == b[j] {
                        found.append(make(.url, b, (j + 1)..<(close - 1)))
                    }
                    i = close
                } else {
                    let start = j
                    while j < n, b[j] != rightParen, !isSpace(b[j]) { j += 1 }
                    if j > start, j < n { found.append(make(.url, b, start..<j)) }
                    i = j
                }
            } else {
                i += 1
            }
        }
        return numberLines(found, b)
    }

    /// `//# sourceMappingURL=…` (or `//@`, or the `/*# … */` form) on a line of its own in a script.
    public static func javaScript(_ b: [UInt8]) -> [AssetReference] {
        var found: [AssetReference] = []
        var lineStart = 0
        let n = b.count
        while lineStart < n {
            var lineEnd = lineStart
            while lineEnd < n, b[lineEnd] != newline { lineEnd += 1 }
            var i = lineStart
            while i < lineEnd, isSpace(b[i]) { i += 1 }
            if i + 3 < lineEnd, b[i] == slash, b[i + 1] == slash || b[i + 1] == star,
               b[i + 2] == hash || b[i + 2] == at {
                if let ref = sourceMapComment(b, i + 2, lineEnd) { found.append(ref) }
            }
            lineStart = lineEnd + 1
        }
        return numberLines(found, b)
    }

    /// Parses `# sourceMappingURL=URL` (or `@ …`) at `start` up to `end`; the URL ends at whitespace or `*/`.
    private static func sourceMapComment(_ b: [UInt8], _ start: Int, _ end: Int) -> AssetReference? {
        var i = start
        while i < end, isSpace(b[i]) { i += 1 }
        guard i < end, b[i] == hash || b[i] == at else { return nil }
        i = skipSpace(b, i + 1, limit: end)
        let key = "sourceMappingURL="
        guard matches(b, i, key, caseSensitive: true) else { return nil }
        let urlStart = i + key.utf8.count
        var j = urlStart
        while j < end, !isSpace(b[j]), !(b[j] == star && j + 1 < b.count && b[j + 1] == slash) { j += 1 }
        guard j > urlStart else { return nil }
        return make(.sourceMap, b, urlStart..<j)
    }

    private static func make(_ kind: AssetReference.Kind, _ b: [UInt8], _ range: Range<Int>) -> AssetReference {
        AssetReference(kind: kind, range: range, url: String(decoding: b[range], as: UTF8.self), line: 0)
    }

    /// Fills in line numbers in one pass (references are found in increasing offset order).
    private static func numberLines(_ refs: [AssetReference], _ b: [UInt8]) -> [AssetReference] {
        var out = refs
        var line = 1
        var index = 0
        for k in out.indices {
            while index < out[k].range.lowerBound { if b[index] == newline { line += 1 }; index += 1 }
            out[k].line = line
        }
        return out
    }

    /// Returns the index just after the string that opens at `start`, honouring backslash escapes. An unterminated
    /// string ends at the newline (as CSS says) or at the end of input.
    private static func skipString(_ b: [UInt8], _ start: Int) -> Int {
        let quoteChar = b[start]
        var i = start + 1
        while i < b.count {
            let c = b[i]
            if c == backslash { i += 2; continue }
            if c == quoteChar { return i + 1 }
            if c == newline { return i }
            i += 1
        }
        return b.count
    }

    private static func skipSpace(_ b: [UInt8], _ start: Int, limit: Int? = nil) -> Int {
        var i = start
        let end = limit ?? b.count
        while i < end, isSpace(b[i]) { i += 1 }
        return i
    }

    private static func matches(_ b: [UInt8], _ at: Int, _ word: String, caseSensitive: Bool = false) -> Bool {
        let w = Array(word.utf8)
        guard at + w.count <= b.count else { return false }
        for k in 0..<w.count {
            var x = b[at + k], y = w[k]
            if !caseSensitive { x = lower(x); y = lower(y) }
            if x != y { return false }
        }
        return true
    }

    private static func lower(_ c: UInt8) -> UInt8 { (c >= 0x41 && c <= 0x5A) ? c + 0x20 : c }
    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C }
    private static func isIdentifier(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F || c >= 0x80
    }

    private static let slash = UInt8(ascii: "/"), star = UInt8(ascii: "*"), quote = UInt8(ascii: "\"")
    private static let apostrophe = UInt8(ascii: "'"), at = UInt8(ascii: "@"), hash = UInt8(ascii: "#")
    private static let backslash = UInt8(ascii: "\\"), newline = UInt8(ascii: "\n"), rightParen = UInt8(ascii: ")")
}
