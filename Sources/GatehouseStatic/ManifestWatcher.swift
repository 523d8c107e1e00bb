import Dispatch
import Logging

/// Keeps one mount of a ``StaticResponder`` in step with its build: polls the manifest's `stat` (device, inode,
/// size, mtime) every `interval`, and when it changed rebuilds the ``AssetIndex`` on the watcher's own queue
/// (never on an event loop) and swaps it in.
///
/// A broken or half-written manifest (bad JSON, missing variant file, size mismatch…) keeps the old index and
/// is logged once per manifest version; the next change is tried again. The pipeline renames the manifest into
/// place last, so a new build is picked up within one interval.
public final class ManifestWatcher: @unchecked Sendable {
    /// What one check did.
    public enum Outcome: Sendable {
        /// The manifest is the one already served (or a failed one already reported).
        case unchanged
        /// A new index was built and swapped in.
        case reloaded(AssetIndex)
        /// The manifest changed but the build failed; the old index stays.
        case failed(AssetIndexError)
    }

    /// The mount watched.
    public let mount: StaticMount
    /// Time between checks.
    public let interval: DispatchTimeInterval
    private let responder: StaticResponder
    private let configuration: StaticConfiguration
    private let logger: Logger
    private let queue: DispatchQueue
    // Guarded by `queue`.
    private var timer: DispatchSourceTimer?
    private var reportedFailure: FileSignature?
    private var reportedMissing = false

    /// Makes a watcher for `mount`, which `responder` must serve. Nothing happens until ``start()``.
    public init(responder: StaticResponder, mount: StaticMount,
                configuration: StaticConfiguration? = nil,
                interval: DispatchTimeInterval = .milliseconds(500), logger: Logger) {
        self.responder = responder
        self.mount = mount
        self.configuration = configuration ?? responder.configuration
        self.interval = interval
        self.logger = logger
        self.queue = DispatchQueue(label: "gatehouse.static.watcher.\(mount.prefix)")
    }

    deinit {
        timer?.cancel()
    }

    /// Starts polling (idempotent).
    public func start() {
        queue.sync {
            guard timer == nil else { return }
            let t = DispatchSource.makeTimerSource(queue: queue)
            t.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(50))
            t.setEventHandler { [weak self] in _ = self?.check(force: false) }
            t.resume()
            timer = t
        }
    }

    /// Stops polling; returns after any check in progress has finished. Must not be called from the watcher's
    /// own queue.
    public func stop() {
        queue.sync {
            timer?.cancel()
            timer = nil
        }
    }

    /// Checks once now, on the caller's thread but serialised with the timer (blocking: may rebuild the index).
    @discardableResult
    public func checkNow() -> Outcome {
        queue.sync { check(force: false) }
    }

    /// Rebuilds now even if the manifest looks unchanged (SIGHUP). Blocking.
    @discardableResult
    public func reloadNow() -> Outcome {
        queue.sync { check(force: true) }
    }

    private func check(force: Bool) -> Outcome {
        let current = responder.index(forPrefix: mount.prefix)
        let manifestPath = mount.directory + "/" + AssetIndex.manifestFileName
        guard let signature = FileSignature(path: manifestPath) else {
            if !reportedMissing {
                reportedMissing = true
                logger.warning("static manifest missing; keeping the current index", metadata: [
                    "gatehouse.static.mount": "\(mount.prefix)", "gatehouse.static.manifest": "\(manifestPath)",
                ])
            }
            if force { return .failed(AssetIndexError(.manifestMissing, file: manifestPath)) }
            return .unchanged
        }
        reportedMissing = false
        if !force {
            if signature == current?.manifestSignature || signature == reportedFailure { return .unchanged }
        }
        do {
            let index = try AssetIndex.build(mount: mount, configuration: configuration, previous: current)
            responder.swap(index)
            reportedFailure = nil
            logger.info("static index reloaded", metadata: [
                "gatehouse.static.mount": "\(mount.prefix)", "gatehouse.static.assets": "\(index.assetCount)",
                "gatehouse.static.memory_bytes": "\(index.memoryBytes)",
                "gatehouse.static.file_backed": "\(index.fileBackedCount)",
            ])
            for warning in index.warnings {
                logger.notice("static manifest entry skipped", metadata: [
                    "gatehouse.static.mount": "\(mount.prefix)", "gatehouse.static.reason": "\(warning)",
                ])
            }
            return .reloaded(index)
        } catch {
            let indexError = error as? AssetIndexError
                ?? AssetIndexError(.manifestUnreadable, file: manifestPath, detail: "\(error)")
            reportedFailure = signature
            logger.error("static index reload failed; keeping the current index", metadata: [
                "gatehouse.static.mount": "\(mount.prefix)", "gatehouse.static.error": "\(indexError)",
            ])
            return .failed(indexError)
        }
    }
}
