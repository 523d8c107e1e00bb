import Glibc
import NIOCore

/// Every address of a backend host name (`getaddrinfo`, blocking: run it on a thread pool), in the resolver's
/// order, so a connect can fall back from one to the next — `localhost` is often `::1` first while the app listens
/// on 127.0.0.1. NIO's `SocketAddress.makeAddressResolvingHost` gives only the first.
enum HostResolver {
    /// The lookup failed: the host, and the resolver's message.
    struct Failure: Error, CustomStringConvertible {
        var host: String
        var message: String
        var description: String { "cannot resolve \(host): \(message)" }
    }

    /// The stream-socket addresses of `host` at `port`, without duplicates.
    static func addresses(of host: String, port: Int) throws -> [SocketAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = CInt(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw Failure(host: host, message: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(first) }
        var result: [SocketAddress] = []
        var next: UnsafeMutablePointer<addrinfo>? = first
        while let entry = next {
            next = entry.pointee.ai_next
            guard let raw = entry.pointee.ai_addr else { continue }
            let address: SocketAddress
            switch entry.pointee.ai_family {
            case AF_INET:
                address = raw.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { SocketAddress($0.pointee, host: host) }
            case AF_INET6:
                address = raw.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { SocketAddress($0.pointee, host: host) }
            default:
                continue
            }
            if !result.contains(address) { result.append(address) }
        }
        guard !result.isEmpty else { throw Failure(host: host, message: "no IPv4 or IPv6 address") }
        return result
    }
}
