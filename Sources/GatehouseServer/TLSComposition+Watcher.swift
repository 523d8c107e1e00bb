import GatehouseConfig
import GatehouseTLS
import Logging

extension TLSComposition {
    /// The watcher's timing from `[tls]`: `debounce`, `poll_interval` (0 = off) and `expiry_warning`.
    public static func watcherConfiguration(_ c: GatehouseConfiguration.TLS) -> CertificateWatcherConfiguration {
        var w = CertificateWatcherConfiguration()
        w.debounce = .nanoseconds(c.debounce.nanoseconds)
        w.pollInterval = c.pollInterval.nanoseconds > 0 ? .nanoseconds(c.pollInterval.nanoseconds) : nil
        w.expiryWarning = .nanoseconds(c.expiryWarning.nanoseconds)
        return w
    }

    /// A watcher over the configured pairs that publishes into `store`. Call `loadInitial()` before serving and
    /// `start()` when `tls.watch` is true; `reloadNow()` serves SIGHUP and the admin reload either way.
    public static func certificateWatcher(_ c: GatehouseConfiguration.TLS, store: CertificateStore,
                                          logger: Logger) -> CertificateWatcher {
        CertificateWatcher(sources: sources(c), store: store, configuration: watcherConfiguration(c), logger: logger)
    }
}
