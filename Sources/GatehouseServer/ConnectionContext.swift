import GatehouseHTTP
import Logging
import NIOCore

/// What a connection handler shares with every other connection of a listener: settings, router, logs.
/// Immutable after the listener starts (the router is read through `routerBox` so reloads can swap it).
final class ConnectionContext: Sendable {
    let settings: ServerSettings
    let scheme: String
    let routerBox: RouterBox
    let accessLog: AccessLog?
    let logger: Logger
    let bodySinkFactory: RequestBodySinkFactory
    let registry: ConnectionRegistry
    let dateCaches: DateCacheSet
    let metrics: GatewayMetrics

    init(settings: ServerSettings, scheme: String, routerBox: RouterBox, accessLog: AccessLog?, logger: Logger,
         bodySinkFactory: @escaping RequestBodySinkFactory, registry: ConnectionRegistry, dateCaches: DateCacheSet,
         metrics: GatewayMetrics = GatewayMetrics()) {
        self.settings = settings
        self.scheme = scheme
        self.routerBox = routerBox
        self.accessLog = accessLog
        self.logger = logger
        self.bodySinkFactory = bodySinkFactory
        self.registry = registry
        self.dateCaches = dateCaches
        self.metrics = metrics
    }
}

/// The current router behind a lock, swappable on reload; readers take a snapshot per request.
public final class RouterBox: Sendable {
    private let box: NIOLockedValueBoxSendable<any RequestRouter>
    public init(_ router: any RequestRouter) { self.box = NIOLockedValueBoxSendable(router) }
    public var current: any RequestRouter { box.value }
    public func swap(_ router: any RequestRouter) { box.value = router }
}

import NIOConcurrencyHelpers

/// A tiny Sendable wrapper around NIOLockedValueBox with a plain property.
final class NIOLockedValueBoxSendable<Value>: @unchecked Sendable {
    private let lock = NIOLock()
    private var _value: Value
    init(_ value: Value) { self._value = value }
    var value: Value {
        get { lock.withLock { _value } }
        set { lock.withLock { _value = newValue } }
    }
}

/// One `DateCache` per event loop, created up front so the hot path needs no lock.
final class DateCacheSet: @unchecked Sendable {
    private var caches: [ObjectIdentifier: DateCache] = [:]
    private let lock = NIOLock()

    /// The cache for `loop`; must be called on `loop`.
    func cache(for loop: EventLoop) -> DateCache {
        let id = ObjectIdentifier(loop)
        return lock.withLock {
            if let c = caches[id] { return c }
            let c = DateCache()
            caches[id] = c
            return c
        }
    }
}
