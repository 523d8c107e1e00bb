/// Header field names compared the HTTP way (ASCII case-insensitive), without allocating.
public enum HTTPFieldName {
    /// True when `name` equals `lowercaseLiteral` ignoring ASCII case. The literal must be lower case.
    @inlinable
    public static func matches(_ name: String, _ lowercaseLiteral: StaticString) -> Bool {
        guard name.utf8.count == lowercaseLiteral.utf8CodeUnitCount else { return false }
        return equalsIgnoringCase(name, lowercaseLiteral)
    }

    @usableFromInline
    static func equalsIgnoringCase(_ name: String, _ lowercaseLiteral: StaticString) -> Bool {
        HTTPSyntax.equalsIgnoringCase(name, lowercaseLiteral)
    }
}
