import GatehouseHTTP
@testable import GatehouseProxy
import NIOCore
import NIOHTTP1
import XCTest

final class HeaderRulesTests: XCTestCase {
    private func request(from ip: String, headers: [(String, String)]) throws -> GatewayRequest {
        GatewayRequest(head: HTTPRequestHead(version: .http1_1, method: .GET, uri: "/", headers: HTTPHeaders(headers)),
                       scheme: "https", remoteAddress: try SocketAddress(ipAddress: ip, port: 4000), requestID: "req-9")
    }

    func testUntrustedClientCannotSpoofForwardedHeaders() throws {
        let req = try request(from: "198.51.100.4", headers: [
            ("Host", "shop.example"), ("X-Forwarded-For", "1.2.3.4"), ("X-Forwarded-Proto", "http"),
            ("X-Forwarded-Host", "evil.example"), ("X-Request-ID", "client-chosen"),
        ])
        let headers = ForwardedHeaders.apply(to: req, trustedProxies: [try IPAddressRange(parsing: "10.0.0.0/8")])
        XCTAssertEqual(headers["x-forwarded-for"], ["198.51.100.4"])
        XCTAssertEqual(headers["x-forwarded-proto"], ["https"])
        XCTAssertEqual(headers["x-forwarded-host"], ["shop.example"])
        XCTAssertEqual(headers["x-request-id"], ["req-9"])
    }

    func testTrustedProxyChainIsExtended() throws {
        let req = try request(from: "10.1.2.3", headers: [
            ("Host", "internal"), ("X-Forwarded-For", "203.0.113.9, 10.9.9.9"), ("X-Forwarded-Proto", "http"),
            ("X-Forwarded-Host", "shop.example"),
        ])
        let headers = ForwardedHeaders.apply(to: req, trustedProxies: [try IPAddressRange(parsing: "10.0.0.0/8")])
        XCTAssertEqual(headers["x-forwarded-for"], ["203.0.113.9, 10.9.9.9, 10.1.2.3"])
        XCTAssertEqual(headers["x-forwarded-proto"], ["http"])
        XCTAssertEqual(headers["x-forwarded-host"], ["shop.example"])
    }

    func testIPAddressRanges() throws {
        let v4 = try IPAddressRange(parsing: "192.168.0.0/16")
        XCTAssertTrue(v4.contains(try SocketAddress(ipAddress: "192.168.44.1", port: 1)))
        XCTAssertFalse(v4.contains(try SocketAddress(ipAddress: "192.169.0.1", port: 1)))
        XCTAssertTrue(v4.contains(try SocketAddress(ipAddress: "::ffff:192.168.1.1", port: 1)), "IPv4-mapped")
        XCTAssertEqual(v4.description, "192.168.0.0/16")
        let v6 = try IPAddressRange(parsing: "2001:db8::/32")
        XCTAssertTrue(v6.contains(try SocketAddress(ipAddress: "2001:db8:1::5", port: 1)))
        XCTAssertFalse(v6.contains(try SocketAddress(ipAddress: "2001:db9::5", port: 1)))
        XCTAssertFalse(v6.contains(try SocketAddress(ipAddress: "10.0.0.1", port: 1)))
        let host = try IPAddressRange(parsing: "127.0.0.1")
        XCTAssertEqual(host.prefixLength, 32)
        XCTAssertTrue(host.contains(try SocketAddress(ipAddress: "127.0.0.1", port: 9)))
        XCTAssertEqual(try IPAddressRange(parsing: "10.1.2.3/8").description, "10.0.0.0/8")
        XCTAssertThrowsError(try IPAddressRange(parsing: "10.0.0.0/33"))
        XCTAssertThrowsError(try IPAddressRange(parsing: "example.com"))
        XCTAssertFalse(host.contains(try SocketAddress(unixDomainSocketPath: "/tmp/x")))
    }

    func testBackendAddresses() throws {
        XCTAssertEqual(try BackendAddress(parsing: "unix:/run/app.sock"), .unix(path: "/run/app.sock"))
        XCTAssertEqual(try BackendAddress(parsing: "127.0.0.1:3031"), .tcp(host: "127.0.0.1", port: 3031))
        XCTAssertEqual(try BackendAddress(parsing: "[::1]:3031"), .tcp(host: "::1", port: 3031))
        XCTAssertEqual(try BackendAddress(parsing: "[::1]:3031").description, "[::1]:3031")
        XCTAssertEqual(try BackendAddress(parsing: "app.internal:80").description, "app.internal:80")
        XCTAssertEqual(try BackendAddress(parsing: "unix:run/app.sock"), .unix(path: "run/app.sock"))
        XCTAssertThrowsError(try BackendAddress(parsing: "unix:"))
        XCTAssertThrowsError(try BackendAddress(parsing: "localhost"))
        XCTAssertThrowsError(try BackendAddress(parsing: "localhost:0"))
        XCTAssertThrowsError(try BackendAddress(parsing: ":80"))
        let upstream = try UpstreamConfiguration(addresses: ["unix:/a.sock", "unix:/b.sock"])
        XCTAssertEqual(upstream.backends.map(\.bufferSize), [4096, 4096])
        XCTAssertNoThrow(try upstream.validate())
        XCTAssertThrowsError(try UpstreamConfiguration(backends: []).validate())
    }

    func testResponseHeaderCleaning() {
        let headers = HTTPHeaders([
            ("Content-Type", "text/html"), ("Connection", "close, X-Private"), ("X-Private", "1"),
            ("Keep-Alive", "timeout=5"), ("Transfer-Encoding", "chunked"), ("Server", "uWSGI"), ("Date", "x"),
            ("X-Accel-Buffering", "no"), ("X-Accel-Redirect", "/internal"), ("Set-Cookie", "a=1"),
            ("Set-Cookie", "b=2"), ("X-Gatehouse-Proxy-Reason", "forged"), ("Upgrade", "h2c"), ("Status", "200 OK"),
        ])
        let cleaned = UpstreamResponseHeaders.clean(headers)
        XCTAssertEqual(cleaned.map(\.name), ["Content-Type", "Set-Cookie", "Set-Cookie"])
        XCTAssertTrue(UpstreamResponseHeaders.wantsStreaming(headers))
        XCTAssertFalse(UpstreamResponseHeaders.wantsStreaming(HTTPHeaders([("X-Accel-Buffering", "yes")])))
    }

    func testResponseHeaderCleaningIgnoresCaseAndKeepsEverythingElse() {
        let headers = HTTPHeaders([
            ("content-type", "text/html"), ("SERVER", "uWSGI"), ("dAtE", "x"), ("x-ACCEL-expires", "60"),
            ("X-GATEHOUSE-anything", "forged"), ("X-Pad", "avoid browser bug"), ("TE", "trailers"),
            ("Proxy-Connection", "keep-alive"), ("x-accel", "not a prefix match"), ("Statuses", "kept"),
            ("connection", "x-one"), ("X-One", "hop"), ("X-Two", "end to end"),
        ])
        XCTAssertEqual(UpstreamResponseHeaders.clean(headers).map(\.name),
                       ["content-type", "x-accel", "Statuses", "X-Two"])
        // Nothing to drop: the same headers, in order, with repeated names.
        let plain = HTTPHeaders([("Content-Type", "text/html"), ("Vary", "Cookie"), ("Vary", "Accept-Encoding"),
                                 ("Set-Cookie", "a=1")])
        let cleaned = UpstreamResponseHeaders.clean(plain)
        XCTAssertEqual(cleaned.map(\.name), plain.map(\.name))
        XCTAssertEqual(cleaned.map(\.value), plain.map(\.value))
    }
}
