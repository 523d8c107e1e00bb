/// How the certificate watcher looks for new certificate files. A pure value; the defaults match the config's.
public struct CertificateWatcherConfiguration: Sendable, Equatable {
    /// Quiet time after the last file event before the files are read (default 2 s): a certificate and its key
    /// are often written one after the other.
    public var debounce: Duration = .seconds(2)
    /// Longest wait after the first event of a burst, however many follow (default 30 s; at least `debounce`).
    public var maximumDelay: Duration = .seconds(30)
    /// Fallback poll of the files (hash comparison) for file systems where events are missed (default 60 s;
    /// nil or zero: off).
    public var pollInterval: Duration? = .seconds(60)
    /// A certificate expiring within this time is logged as a warning at load, on swap and once a day (default 14 d).
    public var expiryWarning: Duration = .seconds(14 * 86_400)
    /// Watch the directories with inotify (default true; where inotify is missing only the poll runs).
    public var fileEvents = true

    /// The defaults.
    public init() {}

    /// `duration` in whole nanoseconds (negative counts as zero).
    static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        let whole = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        if whole.overflow { return UInt64.max / 2 }
        return whole.partialValue + UInt64(max(0, attoseconds) / 1_000_000_000)
    }
}
