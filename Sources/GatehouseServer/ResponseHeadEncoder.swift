import GatehouseHTTP
import NIOCore
import NIOHTTP1

/// Serialises a response head straight into a `ByteBuffer` (no `HTTPResponseEncoder`, no intermediate
/// `HTTPResponseHead`): status line, the responder's headers, then the server's own (`date`, `server`,
/// `connection`, HSTS), then the blank line.
enum ResponseHeadEncoder {
    static func write(status: HTTPResponseStatus, headers: HTTPHeaders, date: String, server: String,
                      keepAlive: Bool, hsts: String?, into buffer: inout ByteBuffer) {
        writeStatusLine(status, into: &buffer)
        headers.writeLines(into: &buffer)
        writeServerLines(date: date, server: server, keepAlive: keepAlive, hsts: hsts, into: &buffer)
    }

    /// The same head when the responder's headers are already encoded as `name: value\r\n` lines
    /// (a static representation's `headerBlock`): one copy instead of one write per field.
    static func writePrepared(status: HTTPResponseStatus, headerBlock: ByteBuffer, date: String, server: String,
                              keepAlive: Bool, hsts: String?, into buffer: inout ByteBuffer) {
        writeStatusLine(status, into: &buffer)
        buffer.writeImmutableBuffer(headerBlock)
        writeServerLines(date: date, server: server, keepAlive: keepAlive, hsts: hsts, into: &buffer)
    }

    /// Bytes `writePrepared` writes (so the buffer is allocated once, with room for a small body after it).
    static func preparedSize(status: HTTPResponseStatus, headerBlock: ByteBuffer, date: String, server: String,
                             keepAlive: Bool, hsts: String?) -> Int {
        // "HTTP/1.1 " + code + " " + reason + CRLF; "date: " + CRLF; "server: "; HSTS; "connection: close"; CRLF CRLF
        var n = 9 + 3 + 1 + status.reasonPhrase.utf8.count + 2
        n += headerBlock.readableBytes
        n += 6 + date.utf8.count + 2 + 8 + server.utf8.count
        if let hsts { n += 2 + 27 + hsts.utf8.count }
        if !keepAlive { n += 19 }
        return n + 4
    }

    private static func writeStatusLine(_ status: HTTPResponseStatus, into buffer: inout ByteBuffer) {
        if status == .ok {
            buffer.writeStaticString("HTTP/1.1 200 OK\r\n")
            return
        }
        buffer.writeStaticString("HTTP/1.1 ")
        buffer.writeString(String(status.code))
        buffer.writeStaticString(" ")
        buffer.writeString(status.reasonPhrase)
        buffer.writeStaticString("\r\n")
    }

    private static func writeServerLines(date: String, server: String, keepAlive: Bool, hsts: String?,
                                         into buffer: inout ByteBuffer) {
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
