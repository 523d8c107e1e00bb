/// A `host:port` to listen on or connect to: `"127.0.0.1:8443"`, `"[::1]:8443"`, `"0.0.0.0:443"`, `"[::]:443"`,
/// `"localhost:8080"`. IPv6 addresses go in brackets; the port is 1–65535.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// The host without brackets: an IPv4 or IPv6 literal or a host name.
    public var host: String
    /// The TCP port.
    public var port: Int

    /// An address from its parts (not validated; use `init(parsing:)` for user input).
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT` or `[IPV6]:PORT`; throws `ConfigValueError` naming the problem. Port 0 ("any free
    /// port", for tests) is accepted only with `allowPortZero`; the config file never accepts it.
    public init(parsing text: String, allowPortZero: Bool = false) throws {
        let trimmed = text.trimmingSpaces()
        let example = "like \"127.0.0.1:8443\" or \"[::1]:8443\""
        let hostPart: Substring
        let portPart: Substring
        if trimmed.hasPrefix("[") {
            guard let close = trimmed.firstIndex(of: "]") else {
                throw ConfigValueError("\"\(text)\": missing ']' after the IPv6 address (\(example))")
            }
            hostPart = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
            let rest = trimmed[trimmed.index(after: close)...]
            guard rest.hasPrefix(":") else {
                throw ConfigValueError("\"\(text)\": missing \":PORT\" after the address (\(example))")
            }
            portPart = rest.dropFirst()
            guard let ip = IPAddress(parsing: String(hostPart)), !ip.isIPv4 else {
                throw ConfigValueError("\"\(text)\": \"\(hostPart)\" is not an IPv6 address")
            }
        } else {
            guard let colon = trimmed.lastIndex(of: ":") else {
                throw ConfigValueError("\"\(text)\": missing port; write host:port (\(example))")
            }
            hostPart = trimmed[..<colon]
            portPart = trimmed[trimmed.index(after: colon)...]
            if hostPart.contains(":") {
                throw ConfigValueError("\"\(text)\": put IPv6 addresses in brackets, like \"[::1]:8443\"")
            }
            guard !hostPart.isEmpty else {
                throw ConfigValueError("\"\(text)\": missing host; use 0.0.0.0 or [::] for every address")
            }
            try ListenAddress.validateHost(hostPart, in: text)
        }
        guard !portPart.isEmpty, portPart.count <= 5, portPart.allSatisfy({ $0.isASCII && $0.isNumber }),
              let port = Int(portPart) else {
            throw ConfigValueError("\"\(text)\": the port must be a number from 1 to 65535")
        }
        guard ((allowPortZero ? 0 : 1)...65535).contains(port) else {
            throw ConfigValueError("\"\(text)\": port \(port) is out of range (1-65535)")
        }
        self.host = String(hostPart)
        self.port = port
    }

    /// Checks an unbracketed host: a valid IPv4 literal when it looks numeric, else a DNS host name.
    static func validateHost(_ host: Substring, in text: String) throws {
        if host.allSatisfy({ $0 == "." || ($0.isASCII && $0.isNumber) }) {
            guard IPAddress(parsing: String(host)) != nil else {
                throw ConfigValueError("\"\(text)\": \"\(host)\" is not a valid IPv4 address")
            }
            return
        }
        guard HostName.isValid(host, allowWildcard: false) else {
            throw ConfigValueError("\"\(text)\": \"\(host)\" is not a valid host name or address")
        }
    }

    /// The host as an IP address, when it is a literal.
    public var ipAddress: IPAddress? { IPAddress(parsing: host) }

    /// Whether connections to this address can only come from this machine: `127.0.0.0/8`, `::1`, `localhost`.
    public var isLoopback: Bool {
        if let ip = ipAddress { return ip.isLoopback }
        return host.lowercased() == "localhost"
    }

    /// `host:port`, with brackets around an IPv6 host.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
