import NIOCore
import NIOHTTP1

/// A request as the server hands it to a responder (static files, the uWSGI proxy, the cache, built-in pages).
///
/// The server has already enforced the connection limits (header size, deadlines); responders see only
/// well-formed requests.
public struct GatewayRequest: Sendable {
    /// The parsed request line and headers, exactly as received.
    public var head: HTTPRequestHead
    /// The raw path part of the request target (before `?`), still percent-encoded.
    public var rawPath: Substring
    /// The raw query (after `?`, without it), or nil when the target has no `?`.
    public var query: Substring?
    /// `https` or `http`.
    public var scheme: String
    /// The TLS server name the client sent (SNI), if any.
    public var serverName: String?
    /// The client's address.
    public var remoteAddress: SocketAddress? {
        didSet { remoteIP = remoteAddress?.ipAddress }
    }
    /// The client's IP address as text (`remoteAddress.ipAddress`, which formats it on every call): the server
    /// formats it once per connection.
    public private(set) var remoteIP: String?
    /// The address the client connected to.
    public var localAddress: SocketAddress?
    /// The request ID (`X-Request-ID` from a trusted client, or generated), for logs and upstreams.
    public var requestID: String

    public init(head: HTTPRequestHead, scheme: String, serverName: String? = nil, remoteAddress: SocketAddress? = nil,
                remoteIP: String? = nil, localAddress: SocketAddress? = nil, requestID: String) {
        self.head = head
        let uri = head.uri
        // Byte search: `firstIndex(of: Character)` walks grapheme clusters.
        if let q = uri.utf8.firstIndex(of: UInt8(ascii: "?")) {
            self.rawPath = uri[..<q]
            self.query = uri[uri.utf8.index(after: q)...]
        } else {
            self.rawPath = uri[...]
            self.query = nil
        }
        self.scheme = scheme
        self.serverName = serverName
        self.remoteAddress = remoteAddress
        self.remoteIP = remoteIP ?? remoteAddress?.ipAddress
        self.localAddress = localAddress
        self.requestID = requestID
    }

    /// The `Host` header without a port, lower-cased, or the SNI name when there is no Host.
    public var host: String? {
        guard let h = head.headers.first(name: "host") else { return serverName }
        // Byte searches: `Character` searches walk grapheme clusters (this runs for every cached request's key).
        let utf8 = h.utf8
        var end = utf8.endIndex
        if utf8.first == UInt8(ascii: "[") {
            if let close = utf8.firstIndex(of: UInt8(ascii: "]")) { end = utf8.index(after: close) }
        } else if let colon = utf8.lastIndex(of: UInt8(ascii: ":")) {
            end = colon
        }
        let name = h[..<end]
        // Host names are mostly lower case already: copy without the Unicode-aware lower-casing then.
        if !name.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) {
            return String(name)
        }
        return name.lowercased()
    }
}

/// A complete request body, as buffered by the server before a responder runs.
public enum RequestBody: Sendable {
    /// No body (or an empty one).
    case none
    /// The whole body in memory.
    case buffer(ByteBuffer)
    /// The whole body spooled to a file that the buffer's owner deletes when the exchange ends.
    case file(path: String, length: Int64)

    /// The body's length in bytes.
    public var length: Int64 {
        switch self {
        case .none: return 0
        case .buffer(let b): return Int64(b.readableBytes)
        case .file(_, let length): return length
        }
    }
}
