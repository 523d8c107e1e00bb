@testable import GatehouseProxy
import GatehouseHTTP
import NIOHTTP1
import XCTest

final class ProxyErrorTests: XCTestCase {
    func testStatusMapping() {
        let expected: [ProxyError.Reason: HTTPResponseStatus] = [
            .connectRefused: .badGateway, .resetBeforeHeaders: .badGateway, .invalidHeader: .badGateway,
            .truncatedResponse: .badGateway, .responseTooLarge: .badGateway,
            .connectTimeout: .gatewayTimeout, .readTimeout: .gatewayTimeout,
            .blockTooBig: .requestHeaderFieldsTooLarge, .queueFull: .serviceUnavailable,
            .queueTimeout: .serviceUnavailable, .bodyTooLarge: .payloadTooLarge,
            .clientBodyTimeout: .requestTimeout, .clientBodyTooSlow: .requestTimeout, .badRequest: .badRequest,
            .spoolError: .internalServerError,
        ]
        XCTAssertEqual(Set(expected.keys), Set(ProxyError.Reason.allCases))
        for (reason, status) in expected {
            XCTAssertEqual(ProxyError.status(for: reason), status, reason.rawValue)
        }
        XCTAssertEqual(Set(ProxyError.Reason.allCases.map(\.rawValue)).count, ProxyError.Reason.allCases.count)
    }

    func testRetryRules() {
        XCTAssertTrue(ProxyError(.connectRefused).allowsRetry(idempotent: false))
        XCTAssertTrue(ProxyError(.connectTimeout).allowsRetry(idempotent: false))
        XCTAssertTrue(ProxyError(.resetBeforeHeaders).allowsRetry(idempotent: true))
        XCTAssertFalse(ProxyError(.resetBeforeHeaders).allowsRetry(idempotent: false))
        XCTAssertFalse(ProxyError(.readTimeout).allowsRetry(idempotent: true))
        XCTAssertFalse(ProxyError(.invalidHeader).allowsRetry(idempotent: true))
    }

    func testErrorResponseAnd503RetryAfterAndAnnotations() {
        var response = ProxyResponder.errorResponse(for: ProxyError(.queueFull, upstream: "unix:/x.sock", retryAfterSeconds: 7),
                                                    requestID: "r1")
        XCTAssertEqual(response.status, .serviceUnavailable)
        XCTAssertEqual(response.headers.first(name: "retry-after"), "7")
        XCTAssertEqual(response.headers.first(name: "x-request-id"), "r1")
        XCTAssertEqual(response.takeProxyAnnotations(), ProxyAnnotations(reason: .queueFull))
        XCTAssertFalse(response.headers.contains(name: ProxyAnnotations.reasonHeader))
        XCTAssertNil(response.takeProxyAnnotations())
        let r502 = ProxyResponder.errorResponse(for: ProxyError(.connectRefused), requestID: nil)
        XCTAssertFalse(r502.headers.contains(name: "retry-after"))
    }
}
