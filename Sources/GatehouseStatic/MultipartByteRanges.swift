import GatehouseHTTP
import NIOCore

/// A `multipart/byteranges` body (RFC 9110 §14.6) for several ranges of one representation.
///
/// Layout: for each range, `--BOUNDARY`, its `Content-Type` and `Content-Range`, a blank line and the bytes, parts
/// separated by CRLF; then `CRLF--BOUNDARY--CRLF`. In-memory representations become one buffer; file-backed ones
/// become `.parts`, interleaving small header buffers with file ranges, so no file byte is copied in memory.
struct MultipartByteRanges {
    /// `Content-Type` of the whole response.
    let contentType: String
    /// Total body length, for `Content-Length`.
    let length: Int64
    /// The body.
    let body: GatewayResponseBody

    init(ranges: [ClosedRange<Int64>], representation: StaticRepresentation, partContentType: String,
         boundary: String) {
        self.contentType = "multipart/byteranges; boundary=" + boundary
        let size = representation.size
        var heads: [ByteBuffer] = []
        heads.reserveCapacity(ranges.count + 1)
        for (k, range) in ranges.enumerated() {
            var head = ByteBuffer()
            if k > 0 { head.writeStaticString("\r\n") }
            head.writeStaticString("--")
            head.writeString(boundary)
            head.writeStaticString("\r\nContent-Type: ")
            head.writeString(partContentType)
            head.writeStaticString("\r\nContent-Range: bytes ")
            head.writeString("\(range.lowerBound)-\(range.upperBound)/\(size)")
            head.writeStaticString("\r\n\r\n")
            heads.append(head)
        }
        var tail = ByteBuffer()
        tail.writeStaticString("\r\n--")
        tail.writeString(boundary)
        tail.writeStaticString("--\r\n")

        var total = Int64(tail.readableBytes)
        for (k, range) in ranges.enumerated() {
            total += Int64(heads[k].readableBytes) + range.upperBound - range.lowerBound + 1
        }
        self.length = total

        switch representation.storage {
        case .memory(let buffer):
            var out = ByteBufferAllocator().buffer(capacity: Int(total))
            for (k, range) in ranges.enumerated() {
                var head = heads[k]
                out.writeBuffer(&head)
                let length = Int(range.upperBound - range.lowerBound + 1)
                if var slice = buffer.getSlice(at: buffer.readerIndex + Int(range.lowerBound), length: length) {
                    out.writeBuffer(&slice)
                }
            }
            out.writeBuffer(&tail)
            self.body = .buffer(out)
        case .file:
            var parts: [GatewayResponseBody] = []
            parts.reserveCapacity(ranges.count * 2 + 1)
            for (k, range) in ranges.enumerated() {
                parts.append(.buffer(heads[k]))
                parts.append(representation.body(for: range))
            }
            parts.append(.buffer(tail))
            self.body = .parts(parts)
        }
    }
}
