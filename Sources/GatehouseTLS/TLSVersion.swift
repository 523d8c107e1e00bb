/// A TLS protocol version Gatehouse can negotiate. Older versions are never offered.
public enum TLSVersion: String, Sendable, Hashable, CaseIterable, Comparable {
    /// TLS 1.2 (RFC 5246).
    case tls12 = "TLSv1.2"
    /// TLS 1.3 (RFC 8446).
    case tls13 = "TLSv1.3"

    /// Parses `1.2`, `1.3`, `TLSv1.2`, `TLSv1.3`, `tls1.2` and `tls1.3` (case-insensitive).
    public init?(parsing text: String) {
        switch text.lowercased() {
        case "1.2", "tlsv1.2", "tls1.2", "tls12": self = .tls12
        case "1.3", "tlsv1.3", "tls1.3", "tls13": self = .tls13
        default: return nil
        }
    }

    /// Orders 1.2 before 1.3.
    public static func < (lhs: TLSVersion, rhs: TLSVersion) -> Bool {
        lhs == .tls12 && rhs == .tls13
    }
}
