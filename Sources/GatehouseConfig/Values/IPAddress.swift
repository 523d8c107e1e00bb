/// An IPv4 or IPv6 address literal (no zone), parsed without the C library so this module stays pure.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address in network byte order: 4 bytes for IPv4, 16 for IPv6.
    public let bytes: [UInt8]

    /// Whether this is an IPv4 address.
    public var isIPv4: Bool { bytes.count == 4 }

    /// Parses `"127.0.0.1"`, `"::1"`, `"2001:db8::1"`, `"::ffff:10.0.0.1"`; nil for anything else (including
    /// brackets, zones such as `%eth0` and IPv4 parts with leading zeros, which some libraries read as octal).
    public init?(parsing text: String) {
        if let v4 = IPAddress.parseIPv4(Substring(text)) {
            bytes = v4
        } else if let v6 = IPAddress.parseIPv6(Substring(text)) {
            bytes = v6
        } else {
            return nil
        }
    }

    /// An address from 4 or 16 bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`), as dual-stack sockets report them.
    public var unmappedIPv4: IPAddress? {
        guard bytes.count == 16, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF
        else { return nil }
        return IPAddress(bytes: Array(bytes[12..<16]))
    }

    /// `127.0.0.0/8`, `::1`, or an IPv4-mapped loopback address.
    public var isLoopback: Bool {
        if isIPv4 { return bytes[0] == 127 }
        if let v4 = unmappedIPv4 { return v4.isLoopback }
        return bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] == 1
    }

    /// Dotted decimal for IPv4; RFC 5952 text for IPv6 (lower case, longest zero run as `::`).
    public var description: String {
        if isIPv4 { return bytes.map(String.init).joined(separator: ".") }
        let groups = (0..<8).map { Int(bytes[2 * $0]) << 8 | Int(bytes[2 * $0 + 1]) }
        var bestStart = -1, bestLength = 0, runStart = -1
        for i in 0...8 {
            if i < 8 && groups[i] == 0 {
                if runStart < 0 { runStart = i }
            } else if runStart >= 0 {
                if i - runStart > bestLength && i - runStart >= 2 { bestStart = runStart; bestLength = i - runStart }
                runStart = -1
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestStart >= 0 else { return hex.joined(separator: ":") }
        return hex[..<bestStart].joined(separator: ":") + "::" + hex[(bestStart + bestLength)...].joined(separator: ":")
    }

    static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                  part.count == 1 || part.first != "0", let value = UInt8(part) else { return nil }
            out.append(value)
        }
        return out
    }

    static func parseIPv6(_ text: Substring) -> [UInt8]? {
        guard text.contains(":"), !text.contains("%") else { return nil }
        var head: [Substring]
        var tail: [Substring] = []
        let compressed = text.firstRange(of: "::")
        if let range = compressed {
            let after = text[range.upperBound...]
            guard !after.contains("::") else { return nil }
            let before = text[..<range.lowerBound]
            head = before.isEmpty ? [] : before.split(separator: ":", omittingEmptySubsequences: false)
            tail = after.isEmpty ? [] : after.split(separator: ":", omittingEmptySubsequences: false)
        } else {
            head = text.split(separator: ":", omittingEmptySubsequences: false)
        }
        func words(_ groups: [Substring], allowIPv4Tail: Bool) -> [UInt16]? {
            var out: [UInt16] = []
            for (i, group) in groups.enumerated() {
                if allowIPv4Tail && i == groups.count - 1 && group.contains(".") {
                    guard let v4 = parseIPv4(group) else { return nil }
                    out.append(UInt16(v4[0]) << 8 | UInt16(v4[1]))
                    out.append(UInt16(v4[2]) << 8 | UInt16(v4[3]))
                    continue
                }
                guard (1...4).contains(group.count), group.allSatisfy(\.isHexDigit), let word = UInt16(group, radix: 16)
                else { return nil }
                out.append(word)
            }
            return out
        }
        guard let first = words(head, allowIPv4Tail: compressed == nil),
              let last = words(tail, allowIPv4Tail: true) else { return nil }
        let count = first.count + last.count
        if compressed == nil { guard count == 8 else { return nil } } else { guard count <= 7 else { return nil } }
        let all = first + Array(repeating: 0, count: 8 - count) + last
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }
}
