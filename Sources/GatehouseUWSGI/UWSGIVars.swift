import GatehouseHTTP
import NIOCore
import NIOHTTP1

/// The ordered key/value variables of a uwsgi request packet (the WSGI environ as uWSGI will see it).
///
/// Build it from a request with `init(request:bodyLength:server:)`, which follows nginx's `uwsgi_params` with
/// Gatehouse's rules: `CONTENT_LENGTH` always, `HTTPS=on` under TLS, request headers as `HTTP_*` except
/// Content-Type/Length (only as CGI names), names containing `_` (WSGI name-folding smuggling) and `Proxy`
/// (httpoxy); hop-by-hop headers are not forwarded; repeated headers are joined with `, ` (Cookie with `; `).
public struct UWSGIVars: Sendable, Equatable {
    /// One variable: key and value as raw bytes (values such as `PATH_INFO` need not be UTF-8).
    public struct Entry: Sendable, Equatable {
        /// The variable's name, e.g. `REQUEST_METHOD`.
        public var key: [UInt8]
        /// The variable's value.
        public var value: [UInt8]

        /// Creates an entry from raw bytes.
        public init(key: [UInt8], value: [UInt8]) {
            self.key = key
            self.value = value
        }
    }

    /// The variables in the order they are encoded.
    public private(set) var entries: [Entry] = []

    /// An empty set of variables.
    public init() {}

    /// Appends a variable (no de-duplication: callers append each key once).
    public mutating func append(_ key: String, _ value: String) {
        entries.append(Entry(key: Array(key.utf8), value: Array(value.utf8)))
    }

    /// Appends a variable whose value is raw bytes.
    public mutating func append(_ key: String, bytes value: [UInt8]) {
        entries.append(Entry(key: Array(key.utf8), value: value))
    }

    /// Appends a variable with one of the fixed keys below: the key array is shared, not copied, so a request's
    /// fixed variables cost one allocation each (the value) instead of two.
    private mutating func append(key: [UInt8], _ value: String) {
        entries.append(Entry(key: key, value: Array(value.utf8)))
    }

    /// The fixed keys, made once.
    private enum Key {
        static let requestMethod = Array("REQUEST_METHOD".utf8)
        static let requestURI = Array("REQUEST_URI".utf8)
        static let pathInfo = Array("PATH_INFO".utf8)
        static let queryString = Array("QUERY_STRING".utf8)
        static let contentType = Array("CONTENT_TYPE".utf8)
        static let contentLength = Array("CONTENT_LENGTH".utf8)
        static let serverProtocol = Array("SERVER_PROTOCOL".utf8)
        static let requestScheme = Array("REQUEST_SCHEME".utf8)
        static let https = Array("HTTPS".utf8)
        static let remoteAddr = Array("REMOTE_ADDR".utf8)
        static let remotePort = Array("REMOTE_PORT".utf8)
        static let serverName = Array("SERVER_NAME".utf8)
        static let serverPort = Array("SERVER_PORT".utf8)
        static let documentRoot = Array("DOCUMENT_ROOT".utf8)
    }

    /// The value of `key` decoded as UTF-8 (lossy), or nil when absent. For tests and logs.
    public subscript(key: String) -> String? {
        let k = Array(key.utf8)
        guard let entry = entries.first(where: { $0.key == k }) else { return nil }
        return String(decoding: entry.value, as: UTF8.self)
    }

    /// The size in bytes of the encoded vars block (each entry: 2 + key + 2 + value), without the 4-byte header.
    public var blockSize: Int {
        entries.reduce(0) { $0 + 4 + $1.key.count + $1.value.count }
    }

    /// Headers never forwarded as `HTTP_*`, in their CGI form: the CGI-named ones, httpoxy, and hop-by-hop headers
    /// (the body has been de-chunked and the connection to uWSGI is not the client's).
    static let excludedKeys: [[UInt8]] = [
        "content-type", "content-length", "proxy", "connection", "keep-alive", "transfer-encoding", "te",
        "trailer", "upgrade", "proxy-connection", "expect",
    ].map { cgiKey(forHeader: $0)! }

    private static let cookieKey = cgiKey(forHeader: "cookie")!

    /// `HTTP_` + the name upper-cased with `-` → `_`; nil for a name containing `_` (it would fold into another
    /// header's CGI name: the header-smuggling trick WSGI servers are open to).
    static func cgiKey(forHeader name: String) -> [UInt8]? {
        var key: [UInt8] = []
        key.reserveCapacity(5 + name.utf8.count)
        key.append(contentsOf: [0x48, 0x54, 0x54, 0x50, 0x5F])  // "HTTP_"
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "_"): return nil
            case UInt8(ascii: "-"): key.append(UInt8(ascii: "_"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): key.append(byte - 0x20)
            default: key.append(byte)
            }
        }
        return key
    }

    /// Builds the variables for `request` with a body of `bodyLength` bytes.
    ///
    /// - Throws: `UWSGIVarsError` when the path cannot be decoded (answer 400).
    public init(request: GatewayRequest, bodyLength: Int64, server: UWSGIServerInfo) throws {
        let head = request.head
        let pathInfo = try PathInfoDecoder.decode(request.rawPath)
        entries.reserveCapacity(16 + head.headers.count)
        append(key: Key.requestMethod, head.method.rawValue)
        append(key: Key.requestURI, head.uri)
        entries.append(Entry(key: Key.pathInfo, value: pathInfo))
        append(key: Key.queryString, request.query.map(String.init) ?? "")
        append(key: Key.contentType, head.headers.first(name: "content-type") ?? "")
        append(key: Key.contentLength, String(bodyLength))
        append(key: Key.serverProtocol, "HTTP/1.1")
        append(key: Key.requestScheme, request.scheme)
        if request.scheme == "https" { append(key: Key.https, "on") }
        if let remote = request.remoteAddress {
            append(key: Key.remoteAddr, remote.ipAddress ?? "")
            append(key: Key.remotePort, remote.port.map(String.init) ?? "")
        }
        append(key: Key.serverName, request.host ?? server.defaultServerName)
        append(key: Key.serverPort, String(request.localAddress?.port ?? server.defaultServerPort))
        append(key: Key.documentRoot, server.documentRoot)
        appendHeaders(head.headers)
    }

    /// Appends `HTTP_*` variables for `headers` per the rules in the type's documentation. One pass, no
    /// intermediate strings or dictionaries: a request has a few dozen headers at most, so a repeated name is
    /// found by scanning the variables added so far.
    mutating func appendHeaders(_ headers: HTTPHeaders) {
        // Headers named by `Connection` are hop-by-hop too.
        var connectionListed: [[UInt8]] = []
        for value in headers[canonicalForm: "connection"] {
            if let key = Self.cgiKey(forHeader: String(value)) { connectionListed.append(key) }
        }
        let firstHeader = entries.count
        for (name, value) in headers {
            guard let key = Self.cgiKey(forHeader: name),
                  !Self.excludedKeys.contains(key), !connectionListed.contains(key) else { continue }
            if let index = entries[firstHeader...].firstIndex(where: { $0.key == key }) {
                let separator = key == Self.cookieKey ? "; " : ", "
                entries[index].value.append(contentsOf: separator.utf8)
                entries[index].value.append(contentsOf: value.utf8)
            } else {
                entries.append(Entry(key: key, value: Array(value.utf8)))
            }
        }
    }
}
