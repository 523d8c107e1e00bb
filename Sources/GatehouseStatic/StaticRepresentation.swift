import GatehouseHTTP
import GatehouseManifest
import NIOCore
import NIOHTTP1

/// One stored representation of an asset (identity, br or gzip) with everything a response needs prepared at
/// index-build time: its bytes (in memory) or file, and the ready header sets for 200 and 304.
///
/// Immutable and shared by every request served from the index that built it.
public final class StaticRepresentation: Sendable {
    /// Where the bytes live.
    public enum Storage: Sendable {
        /// In memory: serving it shares this buffer (no copy).
        case memory(ByteBuffer)
        /// In a file (absolute path), streamed by the server.
        case file(path: String)
    }

    /// The content coding of these bytes.
    public let coding: ContentCoding
    /// The strong entity tag, with quotes.
    public let etag: String
    /// Length in bytes.
    public let size: Int64
    /// `Last-Modified` in seconds since the epoch.
    public let lastModified: Int64
    /// Where the bytes live.
    public let storage: Storage
    /// Headers of a 200 (and of the HEAD for it): content-type, content-length, etag, last-modified,
    /// cache-control, vary (when the asset has variants), content-encoding (br/gzip), accept-ranges,
    /// x-content-type-options.
    public let headers: HTTPHeaders
    /// `headers` pre-encoded as `name: value\r\n` lines, for a server that writes its own response heads.
    public let headerBlock: ByteBuffer
    /// Headers of a 304: etag, last-modified, cache-control, vary (when the asset has variants).
    public let notModifiedHeaders: HTTPHeaders
    /// Headers shared by 206 responses (everything of `headers` except content-type, content-length and
    /// accept-ranges).
    let partialHeaders: HTTPHeaders
    /// The body of a full GET.
    public let body: GatewayResponseBody

    init(coding: ContentCoding, etag: String, size: Int64, lastModified: Int64, lastModifiedText: String,
         storage: Storage, contentType: String, cacheControl: String, vary: Bool) {
        self.coding = coding
        self.etag = etag
        self.size = size
        self.lastModified = lastModified
        self.storage = storage
        var partial = HTTPHeaders()
        partial.add(name: "etag", value: etag)
        partial.add(name: "last-modified", value: lastModifiedText)
        partial.add(name: "cache-control", value: cacheControl)
        if vary { partial.add(name: "vary", value: "Accept-Encoding") }
        if coding != .identity { partial.add(name: "content-encoding", value: coding.rawValue) }
        partial.add(name: "x-content-type-options", value: "nosniff")
        self.partialHeaders = partial

        var full = HTTPHeaders()
        full.reserveCapacity(partial.count + 3)
        full.add(name: "content-type", value: contentType)
        full.add(name: "content-length", value: String(size))
        full.add(contentsOf: partial)
        full.add(name: "accept-ranges", value: "bytes")
        self.headers = full
        self.headerBlock = full.encodedLines

        var notModified = HTTPHeaders()
        notModified.add(name: "etag", value: etag)
        notModified.add(name: "last-modified", value: lastModifiedText)
        notModified.add(name: "cache-control", value: cacheControl)
        if vary { notModified.add(name: "vary", value: "Accept-Encoding") }
        self.notModifiedHeaders = notModified

        switch storage {
        case .memory(let buffer): self.body = .buffer(buffer)
        case .file(let path): self.body = .file(path: path, offset: 0, length: size, deleteWhenDone: false)
        }
    }

    /// True when the bytes are held in memory.
    public var isInMemory: Bool {
        if case .memory = storage { return true }
        return false
    }

    /// The body for one inclusive byte range (a shared slice in memory, or a file range).
    public func body(for range: ClosedRange<Int64>) -> GatewayResponseBody {
        let length = range.upperBound - range.lowerBound + 1
        switch storage {
        case .memory(let buffer):
            let slice = buffer.getSlice(at: buffer.readerIndex + Int(range.lowerBound), length: Int(length))
            return .buffer(slice ?? ByteBuffer())
        case .file(let path):
            return .file(path: path, offset: range.lowerBound, length: length, deleteWhenDone: false)
        }
    }
}
