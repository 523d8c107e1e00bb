import GatehouseCache
import GatehouseConfig
import GatehouseHTTP
import GatehouseProxy
import GatehouseUWSGI
import Logging
import NIOCore
import NIOPosix

/// The dynamic side of the composition: one `ProxyResponder` per configured upstream, `[[route]]` prefixes
/// choosing among them (longest prefix wins; everything else goes to the first upstream), and the micro-cache
/// wrapping them when enabled.
public struct DynamicBackends: Sendable {
    /// Prefix → responder, longest prefix first.
    let routes: [(prefix: String, responder: any Responder)]
    /// The responder for paths no route names (the first upstream), if any upstream exists.
    let fallback: (any Responder)?
    /// The cache wrapping every upstream (shared store), when enabled.
    public let cache: CachingResponder?
    /// The proxies, for metrics.
    public let proxies: [ProxyResponder]

    /// Builds the backends from the configuration. Throws a one-line error naming the upstream on bad values.
    public init(configuration c: GatehouseConfiguration, cacheStore: CacheStore? = nil) throws {
        var byName: [String: ProxyResponder] = [:]
        var proxies: [ProxyResponder] = []
        let spool = c.proxy.spoolDirectory ?? NSTemporaryDirectoryPath()
        for upstream in c.upstreams {
            let backends = try upstream.servers.map { address in
                BackendConfiguration(address: try BackendAddress(parsing: address.description),
                                     maxConnections: upstream.maxConnections > 0 ? upstream.maxConnections : nil,
                                     bufferSize: upstream.bufferSize.bytes)
            }
            let pool = UpstreamConfiguration(name: upstream.name, backends: backends, queueSize: upstream.queueSize,
                                             queueTimeout: .nanoseconds(upstream.queueTimeout.nanoseconds),
                                             failTimeout: .nanoseconds(upstream.failTimeout.nanoseconds))
            let proxyConfiguration = ProxyConfiguration(
                upstream: pool,
                requestBuffer: Self.requestBuffer(c),
                responseMemoryThreshold: c.proxy.responseMemoryThreshold.bytes,
                responseSpoolDirectory: spool,
                connectTimeout: .nanoseconds(upstream.connectTimeout.nanoseconds),
                readTimeout: .nanoseconds(upstream.readTimeout.nanoseconds),
                trustedProxies: try c.proxy.trustForwardedFrom.map { try IPAddressRange(parsing: $0.description) },
                server: UWSGIServerInfo(defaultServerName: "localhost",
                                        defaultServerPort: c.listen.https.first?.port ?? 443,
                                        documentRoot: c.proxy.documentRoot))
            do {
                try proxyConfiguration.validate()
            } catch {
                throw DynamicBackendsError(description: "upstream \(upstream.name): \(error)")
            }
            let proxy = try ProxyResponder(configuration: proxyConfiguration, threadPool: .singleton)
            byName[upstream.name] = proxy
            proxies.append(proxy)
        }
        self.proxies = proxies
        var cache: CachingResponder?
        var wrap: (any Responder) -> any Responder = { $0 }
        if c.cache.enabled && !proxies.isEmpty {
            let cacheConfiguration = Self.cacheConfiguration(c.cache)
            let errors = cacheConfiguration.validationErrors
            if !errors.isEmpty { throw DynamicBackendsError(description: "cache: " + errors.joined(separator: "; ")) }
            let store = cacheStore ?? CacheStore(configuration: cacheConfiguration)
            // One cache (one store, one single-flight table) in front of every upstream: the first wraps a
            // dispatching responder so route rules keep working behind the cache.
            let dispatcher = RouteDispatcher(routes: c.routes.compactMap { r in byName[r.upstream].map { (r.prefix, $0) } }
                                                .sorted { $0.0.count > $1.0.count },
                                             fallback: proxies[0])
            let caching = CachingResponder(upstream: dispatcher, configuration: cacheConfiguration, store: store)
            cache = caching
            wrap = { _ in caching }
        }
        self.cache = cache
        self.routes = c.routes.compactMap { r in byName[r.upstream].map { (r.prefix, wrap($0)) } }
            .sorted { $0.prefix.count > $1.prefix.count }
        self.fallback = proxies.first.map { wrap($0) }
    }

    /// The responder for a request path, or nil when no upstream is configured.
    public func responder(for path: Substring) -> (any Responder)? {
        for r in routes where path.hasPrefix(r.prefix) { return r.responder }
        return fallback
    }

    static func requestBuffer(_ c: GatehouseConfiguration) -> RequestBufferConfiguration {
        RequestBufferConfiguration(memoryThreshold: c.proxy.bodyMemoryThreshold.bytes,
                                   maxBodySize: Int64(c.proxy.clientMaxBodySize.bytes),
                                   spoolDirectory: c.proxy.spoolDirectory ?? NSTemporaryDirectoryPath())
    }

    /// A body sink per request: memory up to the threshold, then a spool file (GatehouseProxy's buffer).
    public static func bodySinkFactory(_ c: GatehouseConfiguration) -> RequestBodySinkFactory {
        let configuration = requestBuffer(c)
        return { loop, limit in
            var cfg = configuration
            cfg.maxBodySize = limit
            return RequestBodyBuffer(configuration: cfg, threadPool: .singleton, eventLoop: loop)
        }
    }

    static func cacheConfiguration(_ c: GatehouseConfiguration.Cache) -> CacheConfiguration {
        var out = CacheConfiguration()
        out.enabled = c.enabled
        out.maxBytes = c.maxSize.bytes
        out.maxEntryBytes = c.maxEntrySize.bytes
        out.sessionCookieNames = c.sessionCookies
        out.statusHeader = c.statusHeader
        out.lockTimeout = Double(c.lockTimeout.nanoseconds) / 1e9
        out.staleWhileRevalidate = Double(c.staleWhileRevalidate.nanoseconds) / 1e9
        out.staleIfError = Double(c.staleIfError.nanoseconds) / 1e9
        out.includeQueryInKey = c.includeQuery
        out.cacheableStatuses = Set(c.statuses)
        out.notFoundTTL = Double(c.notFoundTTL.nanoseconds) / 1e9
        out.routes = c.rules.map { rule in
            let ttl = Double(rule.ttl.nanoseconds) / 1e9
            let maxTTL = rule.maxTTL.map { Double($0.nanoseconds) / 1e9 }
            switch rule.match {
            case .prefix(let p): return CacheRouteRule(prefix: p, ttl: ttl, maxTTL: maxTTL)
            case .pattern(let p): return CacheRouteRule(pattern: p, ttl: ttl, maxTTL: maxTTL)
            }
        }
        return out
    }
}

extension RequestBodyBuffer: RequestBodySink {
    /// Queues the part for storage; asks the server to stop reading while more than the buffer's high-water mark
    /// waits for the spool file.
    public func accept(_ buffer: ByteBuffer) -> RequestBodyAcceptance {
        do {
            let writable = try write(buffer)
            return isBackpressured ? .wait(writable) : .accepted
        } catch {
            return .tooLarge   // `write` throws only `bodyTooLarge` synchronously
        }
    }
}

/// Chooses an upstream by path prefix behind the cache.
struct RouteDispatcher: Responder {
    let routes: [(String, ProxyResponder)]
    let fallback: ProxyResponder

    func respond(to request: GatewayRequest, body: RequestBody, eventLoop: EventLoop, logger: Logger)
        -> EventLoopFuture<GatewayResponse> {
        for (prefix, proxy) in routes where request.rawPath.hasPrefix(prefix) {
            return proxy.respond(to: request, body: body, eventLoop: eventLoop, logger: logger)
        }
        return fallback.respond(to: request, body: body, eventLoop: eventLoop, logger: logger)
    }
}

/// The dynamic backends could not be built from the configuration.
public struct DynamicBackendsError: Error, CustomStringConvertible {
    public var description: String
}

import Foundation

func NSTemporaryDirectoryPath() -> String {
    var dir = NSTemporaryDirectory()
    while dir.count > 1 && dir.hasSuffix("/") { dir.removeLast() }
    return dir
}
