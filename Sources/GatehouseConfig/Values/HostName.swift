/// Syntax checks for DNS host names, as used in listen addresses and certificate server names.
enum HostName {
    /// Labels of letters, digits and `-` (not at either end), 1–63 characters each, at most 253 in total;
    /// with `allowWildcard`, a leading `*.` label is accepted too (`*.example.com`).
    static func isValid<S: StringProtocol>(_ name: S, allowWildcard: Bool) -> Bool {
        var text = Substring(name)
        if allowWildcard && text.hasPrefix("*.") { text = text.dropFirst(2) }
        if text.hasSuffix(".") { text = text.dropLast() }
        guard !text.isEmpty, text.count <= 253 else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            guard (1...63).contains(label.count), label.first != "-", label.last != "-" else { return false }
            return label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }
}
