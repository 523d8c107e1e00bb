import NIOCore
import NIOHTTP1

/// Encodes header fields as HTTP/1.1 header lines (`name: value\r\n` each, no status line, no final blank line).
enum ResponseHeaderBlock {
    static func encode(_ headers: HTTPHeaders) -> ByteBuffer {
        var size = 0
        for (name, value) in headers { size += name.utf8.count + value.utf8.count + 4 }
        var buffer = ByteBufferAllocator().buffer(capacity: size)
        for (name, value) in headers {
            buffer.writeString(name)
            buffer.writeStaticString(": ")
            buffer.writeString(value)
            buffer.writeStaticString("\r\n")
        }
        return buffer
    }
}
