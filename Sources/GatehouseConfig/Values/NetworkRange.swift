/// An IP network in CIDR form (`"10.0.0.0/8"`, `"::1/128"`, or a bare address meaning just that address), used to
/// decide which peers' `X-Forwarded-*` headers are trusted.
public struct NetworkRange: Sendable, Hashable, CustomStringConvertible {
    /// The network address, with the host bits cleared.
    public let address: IPAddress
    /// The number of leading bits that must match (0–32 for IPv4, 0–128 for IPv6).
    public let prefixLength: Int

    /// Parses `ADDRESS[/PREFIX]`; throws `ConfigValueError` naming the problem.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingSpaces()
        let parts = trimmed.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(parsing: String(parts[0])) else {
            throw ConfigValueError("\"\(text)\" is not an IP network like \"10.0.0.0/8\" or \"::1/128\"")
        }
        let maximum = address.bytes.count * 8
        var length = maximum
        if parts.count == 2 {
            guard parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(parts[1]), value <= maximum else {
                throw ConfigValueError("\"\(text)\": the prefix length must be a number from 0 to \(maximum)")
            }
            length = value
        }
        self.prefixLength = length
        self.address = IPAddress(bytes: NetworkRange.mask(address.bytes, length)) ?? address
    }

    /// Whether `ip` lies in this network; an IPv4-mapped IPv6 peer matches IPv4 ranges.
    public func contains(_ ip: IPAddress) -> Bool {
        var candidate = ip
        if address.isIPv4, !ip.isIPv4, let v4 = ip.unmappedIPv4 { candidate = v4 }
        guard candidate.bytes.count == address.bytes.count else { return false }
        return NetworkRange.mask(candidate.bytes, prefixLength) == address.bytes
    }

    /// `address/prefixLength`.
    public var description: String { "\(address)/\(prefixLength)" }

    static func mask(_ bytes: [UInt8], _ length: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let bitsHere = max(0, min(8, length - index * 8))
            return bitsHere == 8 ? byte : byte & ~(UInt8(0xFF) >> bitsHere)
        }
    }
}
