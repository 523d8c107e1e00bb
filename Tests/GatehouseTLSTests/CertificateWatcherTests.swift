@testable import GatehouseTLS
import Logging
import XCTest

/// The watcher over real files: inotify, the poll, reload requests, handshakes after a swap, metrics and logs.
final class CertificateWatcherTests: XCTestCase {
    var pki: TestPKI!
    var dir: TemporaryDirectory!
    var logs: LogCapture!
    var source: CertificateSource!

    override func setUpWithError() throws {
        pki = try TestPKI()
        dir = TemporaryDirectory()
        logs = LogCapture()
        source = CertificateSource(certificateFile: "\(dir.path)/cert.pem", keyFile: "\(dir.path)/key.pem")
    }

    @discardableResult
    func rotate(names: [String] = ["localhost"], validDays: Int = 30) throws -> String {
        let pem = try pki.leafPEM(names, validDays: validDays)
        try AtomicFile.write(pem.certificate, to: source.certificateFile, mode: 0o644)
        try AtomicFile.write(pem.key, to: source.keyFile, mode: 0o600)
        return pem.serial
    }

    func watcher(_ configure: (inout CertificateWatcherConfiguration) -> Void = { _ in }) -> CertificateWatcher {
        var configuration = CertificateWatcherConfiguration()
        configure(&configuration)
        return CertificateWatcher(sources: [source], store: CertificateStore(), configuration: configuration,
                                  logger: logs.logger)
    }

    func serving(_ w: CertificateWatcher) -> String? {
        w.store.snapshot.pairs.first?.serialNumberHex
    }

    /// Waits (up to `timeout`) for the store to serve `serial`; fails otherwise.
    func waitForServing(_ w: CertificateWatcher, _ serial: String, timeout: Double = 10,
                        file: StaticString = #filePath, line: UInt = #line) {
        let deadline = Date().addingTimeInterval(timeout)
        while serving(w) != serial && Date() < deadline { usleep(10_000) }
        XCTAssertEqual(serving(w), serial, file: file, line: line)
    }

    func handshakeSerial(_ context: TLSServerContext) throws -> String? {
        let harness = try TLSTestHarness(context: context)
        let client = try TestTLSClient(trusting: pki.ca, serverName: "localhost")
        XCTAssertTrue(try harness.handshake(client))
        return client.peerSerial
    }

    #if os(Linux)
    func testFileEventsSwapTheStoreAndTheNextHandshakeSeesIt() throws {
        let first = try rotate()
        let w = watcher { $0.debounce = .milliseconds(100); $0.pollInterval = nil }
        try w.loadInitial()
        let context = try TLSServerContext(configuration: TLSConfiguration(), certificates: w.store)
        XCTAssertEqual(try handshakeSerial(context), first)
        w.start()
        defer { w.stop() }
        XCTAssertEqual(w.watchedDirectories, [dir.path: ["cert.pem", "key.pem"]])
        let second = try rotate()
        waitForServing(w, second)
        XCTAssertEqual(try handshakeSerial(context), second)
        XCTAssertEqual(w.reloadCount, 1)
        XCTAssertEqual(w.failureCount, 0)
        XCTAssertTrue(logs.contains("certificate reloaded (file events)"))
    }
    #endif

    func testPollAloneFindsAChange() throws {
        try rotate()
        let w = watcher { $0.fileEvents = false; $0.pollInterval = .milliseconds(100) }
        try w.loadInitial()
        w.start()
        defer { w.stop() }
        let second = try rotate()
        waitForServing(w, second)
        XCTAssertTrue(logs.contains("certificate reloaded (poll)"))
    }

    func testReloadNowReportsAndCountsAndBadPairsKeepThePrevious() throws {
        let first = try rotate(names: ["localhost", "127.0.0.1"])
        let w = watcher()
        try w.loadInitial()
        XCTAssertEqual(w.reloadNow(), "certificates: 1 unchanged")
        try rotate(names: ["wrong.test"])
        XCTAssertEqual(w.reloadNow(),
                       "certificates: refused \(source.certificateFile): certificate does not cover name 'localhost' (it covers: wrong.test)")
        XCTAssertEqual(serving(w), first)
        XCTAssertTrue(logs.contains("certificate reload refused; the previous pair keeps serving"))
        XCTAssertTrue(logs.entries.contains { $0.metadata["gatehouse.tls.file"] == source.certificateFile })
        XCTAssertEqual(w.checkNow().stillFailing, 1)             // the poll path does not retry nor recount
        let second = try rotate(names: ["localhost", "127.0.0.1"])
        XCTAssertTrue(w.reloadNow().hasPrefix("certificates: reloaded localhost,127.0.0.1 (serial \(second), expires "))
        XCTAssertEqual(serving(w), second)
        XCTAssertEqual(w.reloadCount, 1)
        XCTAssertEqual(w.failureCount, 1)
        let notAfter = try XCTUnwrap(w.store.snapshot.pairs.first?.notAfter)
        XCTAssertEqual(w.metricsText(), """
            # HELP gatehouse_tls_certificate_expiry_timestamp_seconds notAfter of the certificate serving each name.
            # TYPE gatehouse_tls_certificate_expiry_timestamp_seconds gauge
            gatehouse_tls_certificate_expiry_timestamp_seconds{name="127.0.0.1"} \(notAfter)
            gatehouse_tls_certificate_expiry_timestamp_seconds{name="localhost"} \(notAfter)
            # HELP gatehouse_tls_reloads_total Certificate pairs validated and swapped in without a restart.
            # TYPE gatehouse_tls_reloads_total counter
            gatehouse_tls_reloads_total 1
            # HELP gatehouse_tls_reload_failures_total Certificate pairs refused on reload (the previous pair kept serving).
            # TYPE gatehouse_tls_reload_failures_total counter
            gatehouse_tls_reload_failures_total 1

            """)
    }

    func testExpiryIsLoggedAndWarnedWithinTheWindow() throws {
        try rotate(validDays: 5)
        let w = watcher()
        try w.loadInitial()
        XCTAssertTrue(logs.contains("certificate loaded"))
        let warning = try XCTUnwrap(logs.entries.first { $0.message == "certificate expires soon" })
        XCTAssertEqual(warning.level, .warning)
        let daysLeft = try XCTUnwrap(warning.metadata["gatehouse.tls.days_left"].flatMap { Int($0) })
        XCTAssertTrue((4...5).contains(daysLeft), "\(daysLeft)")
        var config = CertificateWatcherConfiguration()
        config.expiryWarning = .seconds(86_400)
        let calm = LogCapture()
        try CertificateWatcher(sources: [source], store: CertificateStore(), configuration: config,
                               logger: calm.logger).loadInitial()
        XCTAssertTrue(calm.contains("certificate loaded"))
        XCTAssertFalse(calm.contains("certificate expires soon"))
    }

    func testStartFailsCleanlyOnABadInitialPairAndStopIsIdempotent() throws {
        try rotate()
        try AtomicFile.write([], to: source.certificateFile, mode: 0o644)
        let w = watcher()
        XCTAssertThrowsError(try w.loadInitial()) { XCTAssertEqual("\($0)", "\(self.source.certificateFile): file is empty") }
        XCTAssertTrue(w.store.snapshot.pairs.isEmpty)
        w.start()
        w.start()
        w.stop()
        w.stop()
    }
}

/// A log handler that keeps every entry (thread-safe), for assertions on messages and metadata.
final class LogCapture: @unchecked Sendable {
    struct Entry {
        let level: Logger.Level
        let message: String
        let metadata: [String: String]
    }

    private let lock = NSLock()
    private var stored: [Entry] = []

    var entries: [Entry] { lock.withLock { stored } }

    func contains(_ message: String) -> Bool { entries.contains { $0.message == message } }

    var logger: Logger {
        Logger(label: "test") { _ in Handler(capture: self) }
    }

    fileprivate func append(_ entry: Entry) { lock.withLock { stored.append(entry) } }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            capture.append(Entry(level: event.level, message: "\(event.message)",
                                 metadata: merged.mapValues { "\($0)" }))
        }
    }
}
