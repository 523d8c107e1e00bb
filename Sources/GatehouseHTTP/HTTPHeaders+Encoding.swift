import NIOCore
import NIOHTTP1

extension HTTPHeaders {
    /// Writes every field as a `name: value\r\n` line, in order, as they go on the wire in a response head.
    public func writeLines(into buffer: inout ByteBuffer) {
        for (name, value) in self {
            buffer.writeString(name)
            buffer.writeStaticString(": ")
            buffer.writeString(value)
            buffer.writeStaticString("\r\n")
        }
    }

    /// The fields as `name: value\r\n` lines in a buffer of their own (a response's pre-encoded header block).
    public var encodedLines: ByteBuffer {
        var size = 0
        for (name, value) in self { size += name.utf8.count + value.utf8.count + 4 }
        var buffer = ByteBufferAllocator().buffer(capacity: size)
        writeLines(into: &buffer)
        return buffer
    }
}
