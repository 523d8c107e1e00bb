import GatehouseHTTP
import NIOCore

/// A static response plus, for the common case, its header lines already encoded: a server that writes its own
/// response heads copies `headerBlock` instead of serialising `response.headers` again.
public struct PreparedStaticResponse: Sendable {
    /// The response (status, headers, body), as ``StaticResponder/response(for:request:)`` returns it.
    public var response: GatewayResponse
    /// `response.headers` encoded as `name: value\r\n` lines (no status line, no blank line), present when the
    /// response is a representation's plain 200 (a full GET or HEAD); nil for every other response.
    public var headerBlock: ByteBuffer?

    init(_ pair: (GatewayResponse, ByteBuffer?)) {
        self.response = pair.0
        self.headerBlock = pair.1
    }
}
