import GatehouseConfig
import GatehouseStatic
import Logging

/// The static side of the composition: one `AssetIndex` per mount, the responder that serves them, and a
/// manifest watcher per mount for hot reload.
public final class StaticAssets: Sendable {
    public let responder: StaticResponder
    public let mounts: [StaticMount]
    private let watchers: [ManifestWatcher]

    /// Builds every mount's index (blocking file I/O: call before the loops serve). A mount whose build is
    /// missing or broken starts empty, with a warning; its watcher picks the build up when it appears.
    public init(configuration c: GatehouseConfiguration, logger: Logger) {
        let options = c.staticOptions
        let configuration = StaticConfiguration(memoryMaxFile: options.memoryMaxFile.bytes,
                                                memoryTotal: options.memoryTotal.bytes,
                                                mutableCacheControl: options.mutableCacheControl)
        let mounts = c.staticMounts.map { StaticMount(prefix: $0.prefix, directory: $0.directory) }
        var indexes: [AssetIndex] = []
        for mount in mounts {
            do {
                let index = try AssetIndex.build(mount: mount, configuration: configuration)
                for warning in index.warnings {
                    logger.warning("static build warning", metadata: ["gatehouse.static.mount": "\(mount.prefix)",
                                                                      "gatehouse.warning": "\(warning)"])
                }
                logger.info("static mount ready", metadata: [
                    "gatehouse.static.mount": "\(mount.prefix)", "gatehouse.static.dir": "\(mount.directory)",
                    "gatehouse.static.assets": "\(index.assetCount)",
                    "gatehouse.static.memory_bytes": "\(index.memoryBytes)",
                ])
                indexes.append(index)
            } catch {
                logger.warning("static mount has no usable build yet; serving nothing from it",
                               metadata: ["gatehouse.static.mount": "\(mount.prefix)", "gatehouse.error": "\(error)"])
                indexes.append(AssetIndex.empty(mount: mount))
            }
        }
        let responder = StaticResponder(indexes: indexes, configuration: configuration)
        let interval = max(50, Int(options.reloadInterval.nanoseconds / 1_000_000))
        self.responder = responder
        self.mounts = mounts
        self.watchers = mounts.map {
            ManifestWatcher(responder: responder, mount: $0, interval: .milliseconds(interval), logger: logger)
        }
    }

    /// Starts watching every mount's manifest.
    public func startWatching() { watchers.forEach { $0.start() } }

    /// Stops the watchers.
    public func stopWatching() { watchers.forEach { $0.stop() } }

    /// Rebuilds every mount now (SIGHUP / admin reload); blocking. Returns one line per mount.
    public func reloadNow() -> [String] {
        zip(mounts, watchers).map { mount, watcher in
            switch watcher.reloadNow() {
            case .unchanged: return "static \(mount.prefix): unchanged"
            case .reloaded(let index): return "static \(mount.prefix): reloaded (\(index.assetCount) assets)"
            case .failed(let error): return "static \(mount.prefix): kept the previous build (\(error))"
            }
        }
    }
}
