import Atomics
import Dispatch
import Logging

/// Keeps a `CertificateStore` in step with the certificate files, without a restart (issue 6).
///
/// - **Triggers**: inotify on the directories of every certificate, key and chain file and of every symlink on
///   the way to them (`CertificateWatchPlan`), debounced (`CertificateReloadSchedule`); a fallback poll; and
///   `reloadNow()` for SIGHUP and the admin reload.
/// - **On a trigger** the files are read, hashed and validated (`CertificateReloader`): key matches, chain links,
///   valid now, names covered. The pairs of a server name go live together, in one `store.swap`, only if all of
///   them validate; a refused pair leaves its predecessor serving, and the log names the file and the reason.
///   New handshakes use the new snapshot at once; live connections keep the pair they were given.
/// - **Where it runs**: everything happens on one private serial `DispatchQueue` (a Dispatch read source on the
///   inotify descriptor and one timer), never on an event loop, so the TLS module needs no `NIOPosix`.
///   `reloadNow()`, `checkNow()` and `loadInitial()` run on the caller's thread but serialised with it (blocking).
///
/// Call `loadInitial()` once before serving, `start()` to watch (if `tls.watch`), `stop()` on shutdown.
public final class CertificateWatcher: @unchecked Sendable {
    /// The store this watcher publishes into (hand it to `TLSServerContext`).
    public let store: CertificateStore
    /// Timing and options.
    public let configuration: CertificateWatcherConfiguration
    let logger: Logger
    let queue = DispatchQueue(label: "gatehouse.tls.certificate-watcher")
    private let workingDirectory: String
    private let reloadCounter = ManagedAtomic<Int>(0)
    private let failureCounter = ManagedAtomic<Int>(0)

    // Confined to `queue`.
    private let reloader: CertificateReloader
    private var schedule: CertificateReloadSchedule?
    private var timer: DispatchSourceTimer?
    private var readSource: DispatchSourceRead?
    private var watchProblems: [String] = []
    var lastExpiryWarning: [String: Int64] = [:]
    #if os(Linux)
    private var inotify: InotifyDirectoryWatch?
    #endif

    /// A watcher for `sources` publishing into `store`. No I/O until `loadInitial()`.
    /// `defaultName` picks the pairs for clients without a matching SNI name (nil: the first pair's first name).
    public convenience init(sources: [CertificateSource], store: CertificateStore, defaultName: String? = nil,
                            configuration: CertificateWatcherConfiguration = .init(), logger: Logger) {
        self.init(sources: sources, store: store, defaultName: defaultName, configuration: configuration,
                  logger: logger, readFile: { try FileBytes.read($0) })
    }

    /// As the public initialiser, with the file reader injectable (tests).
    init(sources: [CertificateSource], store: CertificateStore, defaultName: String?,
         configuration: CertificateWatcherConfiguration, logger: Logger,
         readFile: @escaping (String) throws -> [UInt8]) {
        self.store = store
        self.configuration = configuration
        self.logger = logger
        self.workingDirectory = CertificateWatchPlan.currentDirectory()
        self.reloader = CertificateReloader(sources: sources, defaultName: defaultName, read: readFile)
    }

    deinit {
        timer?.cancel()
        readSource?.cancel()
    }

    /// Successful pair swaps since start (`gatehouse_tls_reloads_total`).
    public var reloadCount: Int { reloadCounter.load(ordering: .relaxed) }
    /// Refused pairs since start (`gatehouse_tls_reload_failures_total`).
    public var failureCount: Int { failureCounter.load(ordering: .relaxed) }

    /// Loads and validates every pair and publishes them; logs each certificate's expiry. Blocking.
    /// - Throws: the first `CertificateError` (`FILE: problem`); the store is then left as it was.
    @discardableResult
    public func loadInitial() throws -> CertificateSnapshot {
        try queue.sync {
            let snapshot = try reloader.loadAll()
            store.swap(snapshot)
            for pair in snapshot.pairs { logInService(pair, event: "certificate loaded") }
            return snapshot
        }
    }

    /// Starts watching: inotify (when enabled and available), the debounce timer and the poll. Idempotent.
    public func start() {
        queue.sync {
            guard schedule == nil else { return }
            schedule = CertificateReloadSchedule(
                debounce: CertificateWatcherConfiguration.nanoseconds(configuration.debounce),
                maximumDelay: CertificateWatcherConfiguration.nanoseconds(configuration.maximumDelay),
                pollInterval: configuration.pollInterval.map(CertificateWatcherConfiguration.nanoseconds),
                now: Self.monotonicNow())
            let timer = DispatchSource.makeTimerSource(queue: queue)
            timer.setEventHandler { [weak self] in self?.timerFired() }
            timer.resume()
            self.timer = timer
            if configuration.fileEvents { startFileEvents() }
            rearm()
        }
    }

    /// Stops watching; returns once any check in progress has finished. Never call it from the watcher's queue.
    public func stop() {
        queue.sync {
            timer?.cancel()
            timer = nil
            readSource?.cancel()        // its cancel handler closes the inotify descriptor
            readSource = nil
            #if os(Linux)
            inotify = nil
            #endif
            schedule = nil
        }
    }

    /// Reads and validates every pair now, retrying refused ones (SIGHUP, admin reload). Blocking.
    /// - Returns: the outcome in one line (`CertificateReloadReport.summary`).
    @discardableResult
    public func reloadNow() -> String {
        queue.sync {
            refreshWatches()
            return runCheck(force: true, trigger: "reload request").summary
        }
    }

    /// Looks at the files now as the poll does (changed pairs only; refused files are not retried). Blocking.
    @discardableResult
    public func checkNow() -> CertificateReloadReport {
        queue.sync { runCheck(force: false, trigger: "check") }
    }

    /// The directories to watch for the files as they are now, and the entry names that matter in each (tests).
    var watchedDirectories: [String: Set<String>] {
        queue.sync { CertificateWatchPlan(files: reloader.files, workingDirectory: workingDirectory).directories }
    }

    // MARK: - On the queue

    private func startFileEvents() {
        #if os(Linux)
        let watch: InotifyDirectoryWatch
        do {
            watch = try InotifyDirectoryWatch()
        } catch {
            logger.warning("certificate files: inotify unavailable, polling only", metadata: [
                "gatehouse.tls.reason": "\(error)",
            ])
            return
        }
        inotify = watch
        refreshWatches()
        let source = DispatchSource.makeReadSource(fileDescriptor: watch.descriptor, queue: queue)
        source.setEventHandler { [weak self] in self?.fileEventsReadable() }
        source.setCancelHandler { watch.close() }
        source.resume()
        readSource = source
        logger.debug("certificate files watched", metadata: [
            "gatehouse.tls.directories": "\(CertificateWatchPlan(files: reloader.files, workingDirectory: workingDirectory).directories.keys.sorted())",
        ])
        #else
        logger.notice("certificate files: no inotify on this platform, polling only")
        #endif
    }

    private func fileEventsReadable() {
        #if os(Linux)
        guard let inotify, inotify.drainRelevant(), var schedule else { return }
        refreshWatches()               // link targets may have moved
        schedule.fileEvent(at: Self.monotonicNow())
        self.schedule = schedule
        rearm()
        #endif
    }

    private func timerFired() {
        guard var schedule else { return }
        let trigger = schedule.fire(at: Self.monotonicNow())
        self.schedule = schedule
        if let trigger {
            refreshWatches()
            runCheck(force: false, trigger: trigger.rawValue)
            if trigger == .poll { remindOfExpiry() }
        }
        rearm()
    }

    private func rearm() {
        guard let timer else { return }
        if let deadline = schedule?.nextDeadline {
            timer.schedule(deadline: DispatchTime(uptimeNanoseconds: deadline), leeway: .milliseconds(20))
        } else {
            timer.schedule(deadline: .distantFuture)
        }
    }

    private func refreshWatches() {
        #if os(Linux)
        guard let inotify else { return }
        let problems = inotify.apply(CertificateWatchPlan(files: reloader.files, workingDirectory: workingDirectory))
        if problems != watchProblems {
            watchProblems = problems
            for problem in problems {
                logger.notice("certificate directory not watched (the poll still covers it)", metadata: [
                    "gatehouse.tls.reason": "\(problem)",
                ])
            }
        }
        #endif
    }

    /// Checks, publishes, counts and logs. On the queue.
    @discardableResult
    private func runCheck(force: Bool, trigger: String) -> CertificateReloadReport {
        let outcome = reloader.check(force: force)
        if let snapshot = outcome.snapshot { store.swap(snapshot) }
        let report = outcome.report
        reloadCounter.wrappingIncrement(by: report.reloaded.count, ordering: .relaxed)
        failureCounter.wrappingIncrement(by: report.failures.count, ordering: .relaxed)
        logOutcome(report, trigger: trigger)
        return report
    }

    static func monotonicNow() -> UInt64 {
        DispatchTime.now().uptimeNanoseconds
    }
}
