import GatehouseHTTP
import NIOCore
import NIOHTTP1
import XCTest

final class GatewayRequestTests: XCTestCase {
    private func request(host: String?, uri: String = "/", serverName: String? = "sni.example") -> GatewayRequest {
        var headers = HTTPHeaders()
        if let host { headers.add(name: "Host", value: host) }
        return GatewayRequest(head: HTTPRequestHead(version: .http1_1, method: .GET, uri: uri, headers: headers),
                              scheme: "https", serverName: serverName, requestID: "r")
    }

    func testHostDropsThePortAndLowerCases() {
        XCTAssertEqual(request(host: "www.example.com").host, "www.example.com")
        XCTAssertEqual(request(host: "www.example.com:8443").host, "www.example.com")
        XCTAssertEqual(request(host: "WWW.Example.COM:8443").host, "www.example.com")
        XCTAssertEqual(request(host: "[::1]:8443").host, "[::1]")
        XCTAssertEqual(request(host: "[2001:DB8::1]").host, "[2001:db8::1]")
        XCTAssertEqual(request(host: "127.0.0.1:19522").host, "127.0.0.1")
        XCTAssertEqual(request(host: "").host, "")
        XCTAssertEqual(request(host: nil).host, "sni.example", "no Host: the SNI name")
        XCTAssertNil(request(host: nil, serverName: nil).host)
    }

    func testPathAndQuerySplitOnTheFirstQuestionMark() {
        let r = request(host: "h", uri: "/a/b?x=1?y")
        XCTAssertEqual(r.rawPath, "/a/b")
        XCTAssertEqual(r.query, "x=1?y")
        XCTAssertNil(request(host: "h", uri: "/a").query)
    }

    func testRemoteIPFollowsTheAddress() throws {
        var r = request(host: "h")
        XCTAssertNil(r.remoteIP)
        r.remoteAddress = try SocketAddress(ipAddress: "203.0.113.9", port: 4000)
        XCTAssertEqual(r.remoteIP, "203.0.113.9")
    }
}
