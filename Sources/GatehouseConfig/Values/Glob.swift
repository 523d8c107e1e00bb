/// Glob matching for URL paths: `*` matches any run of characters except `/`, `**` matches any run including `/`,
/// everything else matches itself.
enum Glob {
    /// Whether `pattern` matches all of `text`: a dynamic programme over the pattern, O(pattern × text) time and
    /// O(text) memory, with no backtracking blow-up.
    static func matches(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        let star = UInt8(ascii: "*"), slash = UInt8(ascii: "/")
        let chars = Array(text)
        // reachable[j]: the pattern so far can match exactly the first j bytes of the text.
        var reachable = [Bool](repeating: false, count: chars.count + 1)
        reachable[0] = true
        var p = pattern.startIndex
        while p < pattern.endIndex {
            var next = [Bool](repeating: false, count: chars.count + 1)
            if pattern[p] == star {
                let crossesSlash = p + 1 < pattern.endIndex && pattern[p + 1] == star
                p += crossesSlash ? 2 : 1
                for j in 0...chars.count {
                    next[j] = reachable[j] || (j > 0 && next[j - 1] && (crossesSlash || chars[j - 1] != slash))
                }
            } else {
                let c = pattern[p]
                p += 1
                for j in 0..<chars.count where reachable[j] && chars[j] == c { next[j + 1] = true }
            }
            reachable = next
        }
        return reachable[chars.count]
    }
}
