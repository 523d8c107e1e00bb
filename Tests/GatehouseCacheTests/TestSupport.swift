import GatehouseHTTP
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
@testable import GatehouseCache

/// An in-process upstream that counts its calls and answers with `makeResponse(callNumber, request)`. When
/// `gated` is true, answers wait until `release()` (or `failPending`) so tests can control interleavings.
final class FakeUpstream: Responder, @unchecked Sendable {
    struct State {
        var calls: [GatewayRequest] = []
        var pending: [(EventLoopPromise<GatewayResponse>, GatewayRequest, Int)] = []
        var gated = false
        var failure: (any Error)? = nil
    }

    let state = NIOLockedValueBox(State())
    let makeResponse: @Sendable (Int, GatewayRequest) -> GatewayResponse

    init(_ makeResponse: @escaping @Sendable (Int, GatewayRequest) -> GatewayResponse = { n, _ in
        FakeUpstream.page("body \(n)", headers: ["cache-control": "max-age=60"])
    }) {
        self.makeResponse = makeResponse
    }

    var callCount: Int { state.withLockedValue { $0.calls.count } }
    var lastCall: GatewayRequest? { state.withLockedValue { $0.calls.last } }

    func setGated(_ gated: Bool) { state.withLockedValue { $0.gated = gated } }
    func setFailure(_ error: (any Error)?) { state.withLockedValue { $0.failure = error } }

    func respond(to request: GatewayRequest, body: RequestBody, eventLoop: EventLoop, logger: Logger)
        -> EventLoopFuture<GatewayResponse>
    {
        let (number, gated, failure) = state.withLockedValue { s -> (Int, Bool, (any Error)?) in
            s.calls.append(request)
            return (s.calls.count, s.gated, s.failure)
        }
        if let failure { return eventLoop.makeFailedFuture(failure) }
        if gated {
            let promise = eventLoop.makePromise(of: GatewayResponse.self)
            state.withLockedValue { $0.pending.append((promise, request, number)) }
            return promise.futureResult
        }
        return eventLoop.makeSucceededFuture(makeResponse(number, request))
    }

    /// Answer every held call (with its normal response) and stop holding.
    func release() {
        let pending = state.withLockedValue { s -> [(EventLoopPromise<GatewayResponse>, GatewayRequest, Int)] in
            s.gated = false
            defer { s.pending = [] }
            return s.pending
        }
        for (promise, request, number) in pending { promise.succeed(makeResponse(number, request)) }
    }

    /// Fail every held call and stop holding.
    func failPending(_ error: any Error) {
        let pending = state.withLockedValue { s -> [(EventLoopPromise<GatewayResponse>, GatewayRequest, Int)] in
            s.gated = false
            defer { s.pending = [] }
            return s.pending
        }
        for (promise, _, _) in pending { promise.fail(error) }
    }

    static func page(_ text: String, status: HTTPResponseStatus = .ok, headers: [String: String] = [:])
        -> GatewayResponse
    {
        var h = HTTPHeaders()
        h.add(name: "content-type", value: "text/html")
        h.add(name: "content-length", value: String(text.utf8.count))
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { h.add(name: name, value: value) }
        return GatewayResponse(status: status, headers: h, body: .buffer(ByteBuffer(string: text)))
    }
}

struct UpstreamDown: Error, Equatable {}

func makeRequest(_ uri: String, method: HTTPMethod = .GET, headers: [(String, String)] = [],
                 host: String = "example.com", scheme: String = "https") -> GatewayRequest {
    var h = HTTPHeaders()
    h.add(name: "host", value: host)
    for (name, value) in headers { h.add(name: name, value: value) }
    return GatewayRequest(head: HTTPRequestHead(version: .http1_1, method: method, uri: uri, headers: h),
                          scheme: scheme, requestID: "test")
}

func headers(_ pairs: [(String, String)]) -> HTTPHeaders {
    var h = HTTPHeaders()
    for (name, value) in pairs { h.add(name: name, value: value) }
    return h
}

func bodyText(_ response: GatewayResponse) -> String? {
    switch response.body {
    case .empty: return ""
    case .buffer(let buffer): return String(buffer: buffer)
    default: return nil
    }
}

extension GatewayResponse {
    var cacheStatus: String? { headers.first(name: "x-cache-status") }
}

let testLogger = Logger(label: "gatehouse.cache.tests")

/// A caching responder in front of `upstream` with the default configuration changed by `change`, on `clock`.
func makeCachingResponder(_ upstream: FakeUpstream, clock: ManualCacheClock,
                          _ change: (inout CacheConfiguration) -> Void = { _ in }) -> CachingResponder {
    var configuration = CacheConfiguration()
    change(&configuration)
    return CachingResponder(upstream: upstream, configuration: configuration, clock: clock)
}
