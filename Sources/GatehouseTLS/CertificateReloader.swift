/// The decision logic of certificate rotation, without threads, timers or logging: read every configured pair,
/// tell what changed since it was served, validate the changed pairs, and build the next snapshot.
///
/// Rules:
/// - A pair is its certificate, key and chain files together; it changed when the SHA-256 over their bytes
///   differs from what is serving.
/// - Pairs sharing a server name form a group (`PairGroups`); a group's changed pairs go live only if **all** of
///   them validate. Otherwise none of them does, the previous pairs keep serving, and each refused pair is
///   reported with its file and reason.
/// - A configured pair without `names` serves the names its first certificate covered; later certificates must
///   cover those same names (a new name needs a config reload), so a certificate for the wrong name is refused.
/// - Unforced checks (file events, the poll) do not retry a group whose files are unchanged since it was last
///   refused, so a bad file is reported once; a forced check (SIGHUP, admin reload) retries it.
///
/// Not thread-safe: the watcher calls it on its own queue.
final class CertificateReloader {
    /// One configured pair and what is known of it.
    struct Slot {
        /// The pair as configured.
        let configured: CertificateSource
        /// The pair serving now (nil until a first version validates).
        var serving: CertifiedKey?
        /// The hash of the files `serving` came from.
        var servedHash: [UInt8]?
        /// The hash of the files at the last attempt (success or failure).
        var attemptedHash: [UInt8]?

        /// The names the pair must cover: as configured, else those of the pair first served.
        var names: [String] {
            configured.names.isEmpty ? (serving?.names ?? []) : configured.names
        }

        /// The configured source with `names` filled in.
        var effectiveSource: CertificateSource {
            var source = configured
            source.names = names
            return source
        }
    }

    /// The outcome of one check: the report and, when something was swapped in, the snapshot to publish.
    struct Outcome {
        var report: CertificateReloadReport
        var snapshot: CertificateSnapshot?
    }

    private(set) var slots: [Slot]
    private var defaultName: String?
    private let read: (String) throws -> [UInt8]

    /// Prepares to manage `sources` (no I/O). `defaultName` picks the default pair set (see `CertificateSnapshot`).
    init(sources: [CertificateSource], defaultName: String?, read: @escaping (String) throws -> [UInt8]) {
        self.slots = sources.map { Slot(configured: $0) }
        self.defaultName = defaultName
        self.read = read
    }

    /// Every file of every pair, for the watch plan.
    var files: [String] {
        slots.flatMap { [$0.configured.certificateFile, $0.configured.keyFile] + ($0.configured.chainFile.map { [$0] } ?? []) }
    }

    /// The pairs serving now, in configuration order.
    var servingPairs: [CertifiedKey] { slots.compactMap(\.serving) }

    /// Loads and validates every pair; all must validate. Used at start-up, where a bad pair is fatal.
    /// - Throws: the first `CertificateError`; nothing changes then.
    func loadAll(now: Int64? = nil) throws -> CertificateSnapshot {
        var loaded: [(PairFiles, CertifiedKey)] = []
        for slot in slots {
            let files = PairFiles(source: slot.configured, read: read)
            loaded.append((files, try files.validate(source: slot.effectiveSource, now: now).get()))
        }
        for (index, (files, pair)) in loaded.enumerated() {
            slots[index].serving = pair
            slots[index].servedHash = files.hash
            slots[index].attemptedHash = files.hash
        }
        return makeSnapshot()
    }

    /// Reads every pair and swaps in the groups whose changed pairs all validate (see the type's rules).
    func check(force: Bool, now: Int64? = nil) -> Outcome {
        let files = slots.map { PairFiles(source: $0.configured, read: read) }
        var report = CertificateReloadReport()
        var swapped = false
        for group in PairGroups.group(slots.map(\.names)) {
            let changed = group.filter { files[$0].hash != slots[$0].servedHash }
            report.unchanged += group.count - changed.count
            if changed.isEmpty { continue }
            let triedAlready = group.allSatisfy { files[$0].hash == (slots[$0].attemptedHash ?? slots[$0].servedHash) }
            if triedAlready && !force {
                report.stillFailing += changed.count
                continue
            }
            for index in group { slots[index].attemptedHash = files[index].hash }
            let results = changed.map { (index: $0, result: files[$0].validate(source: slots[$0].effectiveSource, now: now)) }
            let refused = results.compactMap { item -> CertificateError? in
                if case .failure(let error) = item.result { return error }
                return nil
            }
            if refused.isEmpty {
                for item in results {
                    guard case .success(let pair) = item.result else { continue }
                    slots[item.index].serving = pair
                    slots[item.index].servedHash = files[item.index].hash
                    report.reloaded.append(.init(names: pair.names, serialNumberHex: pair.serialNumberHex,
                                                 notAfter: pair.notAfter,
                                                 certificateFile: pair.source.certificateFile))
                }
                swapped = true
            } else {
                report.failures += refused
                for item in results {
                    if case .success = item.result { report.heldBack.append(slots[item.index].configured.certificateFile) }
                }
            }
        }
        return Outcome(report: report, snapshot: swapped ? makeSnapshot() : nil)
    }

    private func makeSnapshot() -> CertificateSnapshot {
        let snapshot = CertificateSnapshot(pairs: servingPairs, defaultName: defaultName)
        // Keep the default stable across swaps even if the first pair's names came from its certificate.
        if defaultName == nil { defaultName = snapshot.index.defaultName }
        return snapshot
    }
}
