import GatehouseHTTP
import Logging
import NIOCore
import NIOHTTP1

/// Operations the admin listener exposes; the composition supplies them.
public struct AdminActions: Sendable {
    /// Reloads certificates and the asset index; returns a human-readable outcome or throws why it failed.
    public var reload: @Sendable () async throws -> String
    /// Purges cached responses: `exact` true for one URL, false for a prefix. Returns the number removed.
    public var purge: (@Sendable (_ target: String, _ exact: Bool) -> Int)?
    /// Prometheus text exposition of every metric.
    public var metrics: @Sendable () -> String

    public init(reload: @escaping @Sendable () async throws -> String,
                purge: (@Sendable (String, Bool) -> Int)?, metrics: @escaping @Sendable () -> String) {
        self.reload = reload
        self.purge = purge
        self.metrics = metrics
    }
}

/// The admin listener (loopback only): `GET /metrics`, `POST /reload`, `POST /purge?url=…` or `?prefix=…`.
/// Mutating calls need `Authorization: Bearer <admin.token>` when a token is configured; purge always needs one.
public struct AdminResponder: Responder {
    let actions: AdminActions
    let token: String

    public init(actions: AdminActions, token: String) {
        self.actions = actions
        self.token = token
    }

    public func respond(to request: GatewayRequest, body: RequestBody, eventLoop: EventLoop, logger: Logger)
        -> EventLoopFuture<GatewayResponse> {
        let method = request.head.method
        switch request.rawPath {
        case "/metrics":
            guard method == .GET || method == .HEAD else { return eventLoop.makeSucceededFuture(Self.notAllowed("GET, HEAD")) }
            return eventLoop.makeSucceededFuture(.text(.ok, actions.metrics(),
                                                       contentType: "text/plain; version=0.0.4; charset=utf-8"))
        case "/reload":
            guard method == .POST else { return eventLoop.makeSucceededFuture(Self.notAllowed("POST")) }
            if let denied = authorize(request, required: false) { return eventLoop.makeSucceededFuture(denied) }
            let promise = eventLoop.makePromise(of: GatewayResponse.self)
            let reload = actions.reload
            promise.completeWithTask {
                do {
                    return .text(.ok, try await reload() + "\n")
                } catch {
                    return .text(.internalServerError, "reload failed: \(error)\n")
                }
            }
            return promise.futureResult
        case "/purge":
            guard method == .POST || method == .DELETE || method.rawValue == "PURGE" else {
                return eventLoop.makeSucceededFuture(Self.notAllowed("POST, DELETE"))
            }
            if let denied = authorize(request, required: true) { return eventLoop.makeSucceededFuture(denied) }
            guard let purge = actions.purge else {
                return eventLoop.makeSucceededFuture(.text(.notFound, "the cache is not enabled\n"))
            }
            let params = Self.query(request.query)
            if let url = params["url"] {
                return eventLoop.makeSucceededFuture(.text(.ok, "purged \(purge(url, true))\n"))
            }
            if let prefix = params["prefix"] {
                return eventLoop.makeSucceededFuture(.text(.ok, "purged \(purge(prefix, false))\n"))
            }
            return eventLoop.makeSucceededFuture(.text(.badRequest, "give ?url=URL or ?prefix=PREFIX\n"))
        default:
            return eventLoop.makeSucceededFuture(.text(.notFound, "404 Not Found\n"))
        }
    }

    private func authorize(_ request: GatewayRequest, required: Bool) -> GatewayResponse? {
        if token.isEmpty {
            return required ? .text(.forbidden, "set admin.token in the config to use this endpoint\n") : nil
        }
        let presented = request.head.headers.first(name: "authorization") ?? ""
        guard Self.constantTimeEquals(presented, "Bearer " + token) else {
            var h = HTTPHeaders()
            h.add(name: "www-authenticate", value: "Bearer")
            return .text(.unauthorized, "401 Unauthorized\n", headers: h)
        }
        return nil
    }

    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }

    static func notAllowed(_ allow: String) -> GatewayResponse {
        var h = HTTPHeaders()
        h.add(name: "allow", value: allow)
        return .text(.methodNotAllowed, "405 Method Not Allowed\n", headers: h)
    }

    /// Decodes `a=b&c=d` (percent-decoding values, `+` as space).
    static func query(_ query: Substring?) -> [String: String] {
        var out: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            let key = String(kv[0])
            let raw = kv.count > 1 ? String(kv[1]).replacingOccurrences(of: "+", with: " ") : ""
            out[key] = raw.removingPercentEncoding ?? raw
        }
        return out
    }
}

import Foundation
