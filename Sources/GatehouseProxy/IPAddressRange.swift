#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// An IPv4 or IPv6 network in CIDR notation (`10.0.0.0/8`, `::1/128`, or a single address), for trusted proxies.
public struct IPAddressRange: Sendable, Hashable, CustomStringConvertible {
    /// The network's address bytes (4 or 16).
    public let network: [UInt8]
    /// The prefix length in bits.
    public let prefixLength: Int

    /// Parses `address` or `address/prefix`.
    ///
    /// - Throws: `ProxyConfigurationError` for a bad address or prefix.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let bytes = Self.parseAddress(String(parts[0])) else {
            throw ProxyConfigurationError("'\(text)' is not an IP address or CIDR range")
        }
        let maxPrefix = bytes.count * 8
        var prefix = maxPrefix
        if parts.count == 2 {
            guard let p = Int(parts[1]), (0...maxPrefix).contains(p) else {
                throw ProxyConfigurationError("'\(text)': prefix length must be 0…\(maxPrefix)")
            }
            prefix = p
        }
        self.network = Self.mask(bytes, prefix: prefix)
        self.prefixLength = prefix
    }

    /// True when `address` (IPv4, IPv6, or IPv4-mapped IPv6) lies in this range. Unix addresses never match.
    public func contains(_ address: SocketAddress) -> Bool {
        guard var bytes = Self.bytes(of: address) else { return false }
        if network.count == 4, bytes.count == 16, bytes.prefix(12) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] {
            bytes = Array(bytes.suffix(4))
        }
        guard bytes.count == network.count else { return false }
        return Self.mask(bytes, prefix: prefixLength) == network
    }

    public var description: String {
        let family = network.count == 4 ? AF_INET : AF_INET6
        var out = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let text: String = network.withUnsafeBytes { raw in
            guard inet_ntop(family, raw.baseAddress, &out, socklen_t(out.count)) != nil else { return "?" }
            return String(cString: out)
        }
        return "\(text)/\(prefixLength)"
    }

    /// The address bytes of an IP literal, or nil.
    static func parseAddress(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }

    /// The raw address bytes of an IP socket address.
    static func bytes(of address: SocketAddress) -> [UInt8]? {
        switch address {
        case .v4(let a):
            var addr = a.address.sin_addr
            return withUnsafeBytes(of: &addr) { Array($0) }
        case .v6(let a):
            var addr = a.address.sin6_addr
            return withUnsafeBytes(of: &addr) { Array($0) }
        case .unixDomainSocket:
            return nil
        }
    }

    static func mask(_ bytes: [UInt8], prefix: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let bits = max(0, min(8, prefix - index * 8))
            return bits == 0 ? 0 : byte & UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
        }
    }
}
