/// Pure ALPN negotiation: the server's list in preference order against the client's wire-format offer.
///
/// Server preference wins (as with `SSL_select_next_proto` given the server list first). The client offer is
/// peer input: a malformed list yields `.malformed`, never a trap.
public struct ALPNSelector: Sendable, Hashable {
    /// The outcome of one negotiation.
    public enum Decision: Sendable, Hashable {
        /// Use this protocol; `range` locates its bytes inside the client's offer (OpenSSL needs a pointer there).
        case selected(String, range: Range<Int>)
        /// No protocol in common: answer without ALPN (the connection proceeds as HTTP/1.1).
        case noOverlap
        /// The client's list is not valid wire format.
        case malformed
    }

    /// Protocols in server preference order.
    public let protocols: [String]
    private let encoded: [[UInt8]]

    /// Creates a selector for `protocols` (preference order; e.g. `["h2", "http/1.1"]` once HTTP/2 exists).
    public init(protocols: [String]) {
        self.protocols = protocols
        self.encoded = protocols.map { Array($0.utf8) }
    }

    /// Chooses a protocol from `offer`, the client's ALPN extension body (length-prefixed strings).
    public func select(clientOffer offer: UnsafeRawBufferPointer) -> Decision {
        var offered: [Range<Int>] = []
        var position = 0
        while position < offer.count {
            let length = Int(offer[position])
            let start = position + 1
            guard length > 0, start + length <= offer.count else { return .malformed }
            offered.append(start..<(start + length))
            position = start + length
        }
        for (name, bytes) in zip(protocols, encoded) {
            for range in offered where range.count == bytes.count {
                if zip(offer[range], bytes).allSatisfy({ $0 == $1 }) { return .selected(name, range: range) }
            }
        }
        return .noOverlap
    }

    /// Convenience for tests and callers holding an array.
    public func select(clientOffer offer: [UInt8]) -> Decision {
        offer.withUnsafeBytes { select(clientOffer: $0) }
    }

    /// Encodes `protocols` in ALPN wire format (each prefixed by its length), e.g. for a client.
    public static func wireFormat(_ protocols: [String]) -> [UInt8] {
        protocols.flatMap { [UInt8(truncatingIfNeeded: $0.utf8.count)] + Array($0.utf8) }
    }
}
