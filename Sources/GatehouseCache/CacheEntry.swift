import GatehouseHTTP
import NIOCore
import NIOHTTP1

/// One stored response, ready to serve: clean headers (with `content-length`), the body as a shared buffer, and
/// the instants that bound its fresh and stale life.
public struct CacheEntry: Sendable {
    /// Status of the stored response.
    public var status: HTTPResponseStatus
    /// Headers to replay (no hop-by-hop, no `Set-Cookie`, no `Age`/`Date`).
    public let headers: HTTPHeaders
    /// `headers` encoded as `name: value\r\n` lines once, when stored: a hit copies them instead of encoding
    /// every field again.
    public let headerBlock: ByteBuffer
    /// The body; empty when the response had none.
    public var body: ByteBuffer
    /// When it was stored (seconds since the epoch).
    public var storedAt: Double
    /// When it stops being fresh.
    public var expiresAt: Double
    /// Until when it may be served while a background refresh runs.
    public var staleWhileRevalidateUntil: Double
    /// Until when it may replace a backend failure.
    public var staleIfErrorUntil: Double

    /// An entry from a response's status, headers and body, stored at `now` with `lifetime`.
    /// `statusHeaderName` (lower-cased) is stripped too, in case the upstream sent one.
    public init(status: HTTPResponseStatus, headers: HTTPHeaders, body: ByteBuffer, lifetime: CacheLifetime,
                now: Double, statusHeaderName: String = "x-cache-status") {
        self.status = status
        var clean = HopByHopHeaders.storable(headers, alsoRemoving: statusHeaderName.lowercased())
        clean.replaceOrAdd(name: "content-length", value: String(body.readableBytes))
        self.headers = clean
        self.headerBlock = clean.encodedLines
        self.body = CacheEntry.compacted(body)
        self.storedAt = now
        self.expiresAt = now + lifetime.ttl
        self.staleWhileRevalidateUntil = expiresAt + lifetime.staleWhileRevalidate
        self.staleIfErrorUntil = expiresAt + lifetime.staleIfError
    }

    /// `body` in storage of its own size. A response body is often a slice of a larger read buffer, and a slice
    /// keeps the whole buffer alive: stored as is, a 200-byte page could hold several KiB, and the cache's byte
    /// count (`approximateSize`) would understate its memory many times over. Copied once, when stored.
    static func compacted(_ body: ByteBuffer) -> ByteBuffer {
        let length = body.readableBytes
        guard body.storageCapacity > length + length / 8 + 64 else { return body }
        var copy = ByteBufferAllocator().buffer(capacity: length)
        copy.writeImmutableBuffer(body)
        return copy
    }

    /// Fresh at `now`.
    public func isFresh(at now: Double) -> Bool { now < expiresAt }

    /// Within its stale-while-revalidate window at `now` (expired but still servable during a refresh).
    public func canServeWhileRevalidating(at now: Double) -> Bool { now < staleWhileRevalidateUntil }

    /// Within its stale-if-error window at `now`.
    public func canServeOnError(at now: Double) -> Bool { now < staleIfErrorUntil }

    /// Past every window: of no further use.
    public func isUseless(at now: Double) -> Bool {
        now >= staleWhileRevalidateUntil && now >= staleIfErrorUntil
    }

    /// Bytes this entry costs in memory, roughly: body, headers and a fixed overhead. The overheads are measured,
    /// not guessed: the storage node and its dictionary slots, the buffer and header-array objects and the
    /// allocator's rounding came to about 1 KiB per entry through the real server (RSS growth per stored entry
    /// for small pages), so small entries are not undercounted several times over against `max_size`.
    public var approximateSize: Int {
        var size = body.readableBytes + CacheEntry.fixedOverhead
        for (name, value) in headers { size += name.utf8.count + value.utf8.count + 48 }
        return size
    }

    /// The same response as `response(...)`, with its head's fields encoded: the stored block plus the `Age` and
    /// status lines.
    func preparedResponse(status cacheStatus: CacheStatus, now: Double, head: Bool, withAge: Bool,
                          configuration: CacheConfiguration) -> (GatewayResponse, ByteBuffer) {
        let response = response(status: cacheStatus, now: now, head: head, withAge: withAge,
                                configuration: configuration)
        var block = ByteBufferAllocator().buffer(capacity: headerBlock.readableBytes + 64)
        block.writeImmutableBuffer(headerBlock)
        if withAge {
            block.writeStaticString("age: ")
            block.writeString(String(age(at: now)))
            block.writeStaticString("\r\n")
        }
        if configuration.statusHeader {
            block.writeString(configuration.statusHeaderName)
            block.writeStaticString(": ")
            block.writeString(cacheStatus.rawValue)
            block.writeStaticString("\r\n")
        }
        return (response, block)
    }

    /// Whole seconds since the entry was stored.
    func age(at now: Double) -> Int { now > storedAt ? Int((now - storedAt).rounded(.down)) : 0 }

    /// Memory an entry costs beyond its body and headers (see `approximateSize`).
    static let fixedOverhead = 640

    /// The response to send: the stored one with `Age` (when `withAge`), the status header (when configured),
    /// and no body for HEAD (the `content-length` stays that of the GET representation).
    func response(status cacheStatus: CacheStatus, now: Double, head: Bool, withAge: Bool,
                  configuration: CacheConfiguration) -> GatewayResponse {
        var headers = self.headers
        if withAge {
            headers.add(name: "age", value: String(age(at: now)))
        }
        if configuration.statusHeader {
            headers.add(name: configuration.statusHeaderName, value: cacheStatus.rawValue)
        }
        let body: GatewayResponseBody = head || self.body.readableBytes == 0 ? .empty : .buffer(self.body)
        return GatewayResponse(status: status, headers: headers, body: body)
    }
}
