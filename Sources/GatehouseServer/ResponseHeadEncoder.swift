import NIOCore
import NIOHTTP1

/// Serialises a response head straight into a `ByteBuffer` (no `HTTPResponseEncoder`, no intermediate
/// `HTTPResponseHead`): status line, the responder's headers, then the server's own (`date`, `server`,
/// `connection`, HSTS), then the blank line.
enum ResponseHeadEncoder {
    static func write(status: HTTPResponseStatus, headers: HTTPHeaders, date: String, server: String,
                      keepAlive: Bool, hsts: String?, into buffer: inout ByteBuffer) {
        buffer.writeStaticString("HTTP/1.1 ")
        buffer.writeString(String(status.code))
        buffer.writeStaticString(" ")
        buffer.writeString(status.reasonPhrase)
        buffer.writeStaticString("\r\n")
        for (name, value) in headers {
            buffer.writeString(name)
            buffer.writeStaticString(": ")
            buffer.writeString(value)
            buffer.writeStaticString("\r\n")
        }
        buffer.writeStaticString("date: ")
        buffer.writeString(date)
        buffer.writeStaticString("\r\nserver: ")
        buffer.writeString(server)
        if let hsts {
            buffer.writeStaticString("\r\nstrict-transport-security: ")
            buffer.writeString(hsts)
        }
        if !keepAlive { buffer.writeStaticString("\r\nconnection: close") }
        buffer.writeStaticString("\r\n\r\n")
    }
}
