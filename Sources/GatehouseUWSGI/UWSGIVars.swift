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

    /// The packet head as it goes on the wire: the 4-byte uwsgi header (modifier1 0, the block size as u16le,
    /// modifier2 0), kept up to date on every append, then the vars block (`u16le keylen, key, u16le vallen,
    /// value` per variable). Variables are written straight into it — no per-variable arrays — and the encoder
    /// sends it as it is.
    public private(set) var packet: ByteBuffer
    /// The longest key or value appended (the encoder refuses one over 65535 bytes: its length field is 16 bits).
    public private(set) var longestField = 0

    /// An empty set of variables.
    public init() {
        self.init(capacity: 64)
    }

    private init(capacity: Int) {
        packet = ByteBufferAllocator().buffer(capacity: capacity)
        packet.writeInteger(UInt32(0))
    }

    /// The variables in the order they are encoded (decoded from the block; for tests, checks and logs).
    public var entries: [Entry] {
        var block = packet
        block.moveReaderIndex(forwardBy: 4)
        var result: [Entry] = []
        while let keyLength = block.readInteger(endianness: .little, as: UInt16.self),
              let key = block.readBytes(length: Int(keyLength)),
              let valueLength = block.readInteger(endianness: .little, as: UInt16.self),
              let value = block.readBytes(length: Int(valueLength)) {
            result.append(Entry(key: key, value: value))
        }
        return result
    }

    /// Appends a variable (no de-duplication: callers append each key once).
    public mutating func append(_ key: String, _ value: String) {
        writeField(key)
        writeField(value)
        updateHeader()
    }

    /// Appends a variable whose value is raw bytes.
    public mutating func append(_ key: String, bytes value: [UInt8]) {
        writeField(key)
        noteLength(value.count)
        packet.writeInteger(UInt16(truncatingIfNeeded: value.count), endianness: .little)
        packet.writeBytes(value)
        updateHeader()
    }

    private mutating func writeField(_ text: String) {
        let count = text.utf8.count
        noteLength(count)
        packet.writeInteger(UInt16(truncatingIfNeeded: count), endianness: .little)
        packet.writeString(text)
    }

    private mutating func writeField(_ text: Substring) {
        let count = text.utf8.count
        noteLength(count)
        packet.writeInteger(UInt16(truncatingIfNeeded: count), endianness: .little)
        packet.writeSubstring(text)
    }

    private mutating func noteLength(_ count: Int) {
        if count > longestField { longestField = count }
    }

    /// Rewrites the size field of the header (a block over 65535 bytes is refused by the encoder anyway).
    private mutating func updateHeader() {
        packet.setInteger(UInt16(truncatingIfNeeded: blockSize), at: packet.readerIndex + 1, endianness: .little)
    }

    /// The value of `key` decoded as UTF-8 (lossy), or nil when absent. For tests and logs.
    public subscript(key: String) -> String? {
        let k = Array(key.utf8)
        guard let entry = entries.first(where: { $0.key == k }) else { return nil }
        return String(decoding: entry.value, as: UTF8.self)
    }

    /// The size in bytes of the encoded vars block (each entry: 2 + key + 2 + value), without the 4-byte header.
    public var blockSize: Int { packet.readableBytes - 4 }

    /// Header names never forwarded as `HTTP_*`: the CGI-named ones, httpoxy, and hop-by-hop headers (the body has
    /// been de-chunked and the connection to uWSGI is not the client's).
    static func isExcluded(_ name: String) -> Bool {
        switch name.utf8.count {
        case 2: return HTTPFieldName.matches(name, "te")
        case 5: return HTTPFieldName.matches(name, "proxy")
        case 6: return HTTPFieldName.matches(name, "expect")
        case 7: return HTTPFieldName.matches(name, "trailer") || HTTPFieldName.matches(name, "upgrade")
        case 10: return HTTPFieldName.matches(name, "connection") || HTTPFieldName.matches(name, "keep-alive")
        case 12: return HTTPFieldName.matches(name, "content-type")
        case 14: return HTTPFieldName.matches(name, "content-length")
        case 16: return HTTPFieldName.matches(name, "proxy-connection")
        case 17: return HTTPFieldName.matches(name, "transfer-encoding")
        default: return false
        }
    }

    /// Builds the variables for `request` with a body of `bodyLength` bytes.
    ///
    /// `overrides` replace the request's headers of the same names (compared ignoring case; names in lower
    /// case): the proxy's `X-Forwarded-*` and `X-Request-ID`, so the request's header list need not be copied
    /// and rewritten first.
    ///
    /// - Throws: `UWSGIVarsError` when the path cannot be decoded (answer 400).
    public init(request: GatewayRequest, bodyLength: Int64, server: UWSGIServerInfo,
                overrides: [(name: String, value: String)] = []) throws {
        let head = request.head
        let plainPath = PathInfoDecoder.isPlain(request.rawPath)
        let pathInfo = plainPath ? [] : try PathInfoDecoder.decode(request.rawPath)
        self.init(capacity: 512 + 64 * head.headers.count)
        writeField("REQUEST_METHOD"); writeField(head.method.rawValue)
        writeField("REQUEST_URI"); writeField(head.uri)
        writeField("PATH_INFO")
        if plainPath {
            writeField(request.rawPath)
        } else {
            noteLength(pathInfo.count)
            packet.writeInteger(UInt16(truncatingIfNeeded: pathInfo.count), endianness: .little)
            packet.writeBytes(pathInfo)
        }
        writeField("QUERY_STRING"); writeField(request.query ?? "")
        writeField("CONTENT_TYPE"); writeField(head.headers.first(name: "content-type") ?? "")
        writeField("CONTENT_LENGTH"); writeField(String(bodyLength))
        writeField("SERVER_PROTOCOL"); writeField("HTTP/1.1")
        writeField("REQUEST_SCHEME"); writeField(request.scheme)
        if request.scheme == "https" { writeField("HTTPS"); writeField("on") }
        if let remote = request.remoteAddress {
            writeField("REMOTE_ADDR"); writeField(request.remoteIP ?? "")
            writeField("REMOTE_PORT"); writeField(remote.port.map(String.init) ?? "")
        }
        writeField("SERVER_NAME"); writeField(request.host ?? server.defaultServerName)
        writeField("SERVER_PORT"); writeField(String(request.localAddress?.port ?? server.defaultServerPort))
        writeField("DOCUMENT_ROOT"); writeField(server.documentRoot)
        appendHeaders(head.headers, overrides: overrides)
    }

    /// Appends `HTTP_*` variables for `headers` per the rules in the type's documentation, then `overrides`.
    /// No intermediate strings, arrays or dictionaries: the key is written transformed, a repeated name (rare) is
    /// found by comparing with the headers before it and joined when its first occurrence is written.
    mutating func appendHeaders(_ headers: HTTPHeaders, overrides: [(name: String, value: String)] = []) {
        // Headers named by `Connection` are hop-by-hop too.
        var connectionListed: [Substring] = []
        for value in headers[canonicalForm: "connection"] { connectionListed.append(value) }
        let all = Array(headers)
        for (index, (name, value)) in all.enumerated() {
            guard Self.isForwardable(name), !Self.isExcluded(name),
                  !connectionListed.contains(where: { HTTPFieldName.equal($0, name) }),
                  !overrides.contains(where: { HTTPFieldName.equal($0.name, name) }) else { continue }
            // A repeated name is written once, at its first occurrence, with every value.
            if all[..<index].contains(where: { HTTPFieldName.equal($0.name, name) }) { continue }
            let separator = HTTPFieldName.matches(name, "cookie") ? "; " : ", "
            var length = value.utf8.count
            var repeated = false
            for later in all[(index + 1)...] where HTTPFieldName.equal(later.name, name) {
                length += separator.utf8.count + later.value.utf8.count
                repeated = true
            }
            writeKey(forHeader: name)
            noteLength(length)
            packet.writeInteger(UInt16(truncatingIfNeeded: length), endianness: .little)
            packet.writeString(value)
            if repeated {
                for later in all[(index + 1)...] where HTTPFieldName.equal(later.name, name) {
                    packet.writeString(separator)
                    packet.writeString(later.value)
                }
            }
        }
        for (name, value) in overrides where Self.isForwardable(name) {
            writeKey(forHeader: name)
            writeField(value)
        }
        updateHeader()
    }

    /// False for a name containing `_`: it would fold into another header's CGI name (`X_A` and `X-A` both become
    /// `HTTP_X_A`), the header-smuggling trick WSGI servers are open to.
    private static func isForwardable(_ name: String) -> Bool {
        !name.utf8.contains(UInt8(ascii: "_"))
    }

    /// `HTTP_NAME` for a header name, written with its length field.
    private mutating func writeKey(forHeader name: String) {
        let count = 5 + name.utf8.count
        noteLength(count)
        packet.writeInteger(UInt16(truncatingIfNeeded: count), endianness: .little)
        packet.writeStaticString("HTTP_")
        packet.writeWithUnsafeMutableBytes(minimumWritableBytes: count - 5) { out in
            var i = 0
            for byte in name.utf8 {
                switch byte {
                case UInt8(ascii: "-"): out[i] = UInt8(ascii: "_")
                case UInt8(ascii: "a")...UInt8(ascii: "z"): out[i] = byte - 0x20
                default: out[i] = byte
                }
                i += 1
            }
            return i
        }
    }
}
