import Logging

extension CertificateWatcher {
    /// Logs a pair going into service with its expiry; a warning when it expires within `expiryWarning`.
    func logInService(_ pair: CertifiedKey, event: String) {
        logInService(names: pair.names, serial: pair.serialNumberHex, notAfter: pair.notAfter,
                     file: pair.source.certificateFile, event: event)
    }

    func logInService(names: [String], serial: String, notAfter: Int64, file: String, event: String) {
        let now = UTCDate.now()
        let metadata: Logger.Metadata = [
            "gatehouse.tls.names": "\(names.joined(separator: ","))",
            "gatehouse.tls.serial": "\(serial)",
            "gatehouse.tls.not_after": "\(UTCDate.format(notAfter))",
            "gatehouse.tls.days_left": "\((notAfter - now) / 86_400)",
            "gatehouse.tls.file": "\(file)",
        ]
        logger.info("\(event)", metadata: metadata)
        if notAfter - now < Int64(CertificateWatcherConfiguration.nanoseconds(configuration.expiryWarning) / 1_000_000_000) {
            lastExpiryWarning[serial] = now
            logger.warning("certificate expires soon", metadata: metadata)
        }
    }

    /// Logs what a check did: swaps at info, refusals at error (file and reason), held-back pairs at warning.
    func logOutcome(_ report: CertificateReloadReport, trigger: String) {
        for pair in report.reloaded {
            logInService(names: pair.names, serial: pair.serialNumberHex, notAfter: pair.notAfter,
                         file: pair.certificateFile, event: "certificate reloaded (\(trigger))")
        }
        for failure in report.failures {
            logger.error("certificate reload refused; the previous pair keeps serving", metadata: [
                "gatehouse.tls.file": "\(failure.file)",
                "gatehouse.tls.reason": "\(failure.problem)",
                "gatehouse.tls.trigger": "\(trigger)",
            ])
        }
        for file in report.heldBack {
            logger.warning("certificate valid but held back: another pair for the same names was refused", metadata: [
                "gatehouse.tls.file": "\(file)",
            ])
        }
    }

    /// On each poll: warns again, at most once a day per certificate, about pairs close to expiry.
    func remindOfExpiry() {
        let now = UTCDate.now()
        let window = Int64(CertificateWatcherConfiguration.nanoseconds(configuration.expiryWarning) / 1_000_000_000)
        let serving = store.snapshot.pairs
        lastExpiryWarning = lastExpiryWarning.filter { entry in serving.contains { $0.serialNumberHex == entry.key } }
        for pair in serving where pair.notAfter - now < window {
            if let last = lastExpiryWarning[pair.serialNumberHex], now - last < 86_400 { continue }
            lastExpiryWarning[pair.serialNumberHex] = now
            logger.warning("certificate expires soon", metadata: [
                "gatehouse.tls.names": "\(pair.names.joined(separator: ","))",
                "gatehouse.tls.serial": "\(pair.serialNumberHex)",
                "gatehouse.tls.not_after": "\(UTCDate.format(pair.notAfter))",
                "gatehouse.tls.file": "\(pair.source.certificateFile)",
            ])
        }
    }
}
