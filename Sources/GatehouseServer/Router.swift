import GatehouseHTTP
import Logging
import NIOCore
import NIOHTTP1
#if canImport(Glibc)
import Glibc
#endif

/// Where a request goes, decided from its head alone (before any body is read).
public struct RouteDecision: Sendable {
    /// The responder that answers.
    public var responder: any Responder
    /// True when the body must be buffered and handed to the responder (dynamic routes); otherwise it is
    /// read and discarded.
    public var wantsBody: Bool
    /// A short name for logs and metrics (`static`, `dynamic`, `builtin`, `redirect`).
    public var name: String

    public init(responder: any Responder, wantsBody: Bool, name: String) {
        self.responder = responder
        self.wantsBody = wantsBody
        self.name = name
    }
}

/// Chooses a route for a request head. Implementations are immutable snapshots shared by all loops.
public protocol RequestRouter: Sendable {
    func route(_ request: GatewayRequest) -> RouteDecision
}

/// The composition used by `gatehouse serve`: static mounts first, then the dynamic backend, then the built-in
/// pages (a status page at `/_gatehouse/status`, 404 elsewhere).
public struct GatewayRouter: RequestRouter {
    /// Returns a responder when a static mount serves this request.
    public var staticMatch: (@Sendable (GatewayRequest) -> (any Responder)?)?
    /// The dynamic backend for a request (uWSGI proxy, possibly behind the cache), if one is configured.
    public var dynamicMatch: (@Sendable (GatewayRequest) -> (any Responder)?)?
    /// Built-in pages.
    public var builtin: any Responder

    public init(staticMatch: (@Sendable (GatewayRequest) -> (any Responder)?)? = nil, dynamic: (any Responder)? = nil,
                builtin: any Responder) {
        self.staticMatch = staticMatch
        self.dynamicMatch = dynamic.map { responder in { _ in responder } }
        self.builtin = builtin
    }

    public init(staticMatch: (@Sendable (GatewayRequest) -> (any Responder)?)?,
                dynamicMatch: (@Sendable (GatewayRequest) -> (any Responder)?)?, builtin: any Responder) {
        self.staticMatch = staticMatch
        self.dynamicMatch = dynamicMatch
        self.builtin = builtin
    }

    public func route(_ request: GatewayRequest) -> RouteDecision {
        if request.rawPath.utf8.starts(with: "/_gatehouse/".utf8) {
            return RouteDecision(responder: builtin, wantsBody: false, name: "builtin")
        }
        if let match = staticMatch?(request) {
            return RouteDecision(responder: match, wantsBody: false, name: "static")
        }
        if let dynamic = dynamicMatch?(request) {
            return RouteDecision(responder: dynamic, wantsBody: true, name: "dynamic")
        }
        return RouteDecision(responder: builtin, wantsBody: false, name: "builtin")
    }
}

/// The built-in pages: a small status page, and 404 for everything else.
public struct BuiltinResponder: Responder {
    private let startedAt: Double
    private let version: String

    public init(version: String) {
        self.version = version
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        self.startedAt = Double(ts.tv_sec)
    }

    public func respond(to request: GatewayRequest, body: RequestBody, eventLoop: EventLoop, logger: Logger)
        -> EventLoopFuture<GatewayResponse> {
        let path = request.rawPath
        guard path == "/_gatehouse/status" || path == "/_gatehouse/status/" else {
            return eventLoop.makeSucceededFuture(.text(.notFound, "404 Not Found\n"))
        }
        guard request.head.method == .GET || request.head.method == .HEAD else {
            var headers = HTTPHeaders()
            headers.add(name: "allow", value: "GET, HEAD")
            return eventLoop.makeSucceededFuture(.text(.methodNotAllowed, "405 Method Not Allowed\n", headers: headers))
        }
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        let uptime = Int(Double(ts.tv_sec) - startedAt)
        let html = """
        <!doctype html><html><head><meta charset="utf-8"><title>Gatehouse</title></head>
        <body><h1>Gatehouse \(version)</h1><p>Status: serving. Uptime: \(uptime) s.</p>
        <p>Scheme: \(request.scheme). Server name: \(request.serverName ?? "-").</p></body></html>

        """
        var headers = HTTPHeaders()
        headers.add(name: "cache-control", value: "no-store")
        return eventLoop.makeSucceededFuture(.text(.ok, html, contentType: "text/html; charset=utf-8", headers: headers))
    }
}

/// Answers every request on the plain-HTTP listener with a redirect to HTTPS: 301 for GET/HEAD, 308 otherwise
/// (so the method and body are kept).
public struct RedirectResponder: Responder {
    /// The HTTPS port to redirect to (omitted from the URL when 443).
    public var httpsPort: Int

    public init(httpsPort: Int) { self.httpsPort = httpsPort }

    public func respond(to request: GatewayRequest, body: RequestBody, eventLoop: EventLoop, logger: Logger)
        -> EventLoopFuture<GatewayResponse> {
        guard var host = request.host, !host.isEmpty, Self.isPlausibleHost(host) else {
            return eventLoop.makeSucceededFuture(.text(.badRequest, "400 Bad Request: missing or invalid Host\n"))
        }
        if host.contains(":") && !host.hasPrefix("[") { host = "[\(host)]" }
        let port = httpsPort == 443 ? "" : ":\(httpsPort)"
        let target = request.head.uri.hasPrefix("/") ? request.head.uri : "/"
        let location = "https://\(host)\(port)\(target)"
        let status: HTTPResponseStatus = (request.head.method == .GET || request.head.method == .HEAD)
            ? .movedPermanently : .permanentRedirect
        var headers = HTTPHeaders()
        headers.add(name: "location", value: location)
        return eventLoop.makeSucceededFuture(.text(status, "Redirecting to \(location)\n", headers: headers))
    }

    static func isPlausibleHost(_ host: String) -> Bool {
        host.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x2E || b == 0x3A
                || b == 0x5B || b == 0x5D || b == 0x5F
        }
    }
}

/// The admin listener's router: everything goes to the admin responder, bodies are read (small).
public struct AdminRouter: RequestRouter {
    let responder: AdminResponder
    public init(responder: AdminResponder) { self.responder = responder }
    public func route(_ request: GatewayRequest) -> RouteDecision {
        RouteDecision(responder: responder, wantsBody: false, name: "admin")
    }
}
