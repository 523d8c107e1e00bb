/// Header field names compared the HTTP way (ASCII case-insensitive), without allocating.
public enum HTTPFieldName {
    /// True when `name` equals `lowercaseLiteral` ignoring ASCII case. The literal must be lower case.
    @inlinable
    public static func matches(_ name: String, _ lowercaseLiteral: StaticString) -> Bool {
        guard name.utf8.count == lowercaseLiteral.utf8CodeUnitCount else { return false }
        return equalsIgnoringCase(name, lowercaseLiteral)
    }

    /// True when two names are equal ignoring ASCII case (both from the wire or the configuration).
    public static func equal<A: StringProtocol, B: StringProtocol>(_ a: A, _ b: B) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        return zip(a.utf8, b.utf8).allSatisfy { HTTPSyntax.lower($0) == HTTPSyntax.lower($1) }
    }

    /// True when `name` starts with `lowercasePrefix` ignoring ASCII case. The literal must be lower case.
    public static func hasPrefix(_ name: String, _ lowercasePrefix: StaticString) -> Bool {
        let prefix = UnsafeBufferPointer(start: lowercasePrefix.utf8Start, count: lowercasePrefix.utf8CodeUnitCount)
        guard name.utf8.count >= prefix.count else { return false }
        return zip(name.utf8, prefix).allSatisfy { HTTPSyntax.lower($0) == $1 }
    }

    @usableFromInline
    static func equalsIgnoringCase(_ name: String, _ lowercaseLiteral: StaticString) -> Bool {
        HTTPSyntax.equalsIgnoringCase(name, lowercaseLiteral)
    }
}
