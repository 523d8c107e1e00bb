/// What one look at the certificate files did: pairs swapped in, pairs refused (file and reason), valid pairs held
/// back because another pair of the same names failed, and pairs left as they were.
public struct CertificateReloadReport: Sendable, Equatable {
    /// A pair now serving.
    public struct Reloaded: Sendable, Equatable {
        /// The names it serves.
        public var names: [String]
        /// The leaf's serial number (upper-case hex).
        public var serialNumberHex: String
        /// The leaf's notAfter, epoch seconds.
        public var notAfter: Int64
        /// The certificate file.
        public var certificateFile: String
    }

    /// Pairs validated and published.
    public var reloaded: [Reloaded] = []
    /// Pairs refused; their previous pair keeps serving.
    public var failures: [CertificateError] = []
    /// Certificate files of pairs that validated but stay out because another pair of the same names failed.
    public var heldBack: [String] = []
    /// Pairs whose files are what is already served.
    public var unchanged = 0
    /// Changed pairs not taken at their last attempt (refused, or held back beside a refused pair) whose files are
    /// unchanged since: file events and the poll do not retry them (nor count or log them again); a reload
    /// request does.
    public var stillFailing = 0

    /// Creates an empty report.
    public init() {}

    /// One line for the admin reload answer and the log, e.g.
    /// `certificates: reloaded localhost (serial 0A1B…, expires 2026-01-01 00:00:00 UTC); 1 unchanged`.
    public var summary: String {
        var parts: [String] = []
        for pair in reloaded {
            parts.append("reloaded \(pair.names.joined(separator: ",")) (serial \(pair.serialNumberHex), "
                         + "expires \(UTCDate.format(pair.notAfter)))")
        }
        for failure in failures { parts.append("refused \(failure)") }
        for file in heldBack { parts.append("held back \(file) (another pair for its names was refused)") }
        if stillFailing > 0 { parts.append("\(stillFailing) not retried (unchanged since refused)") }
        if unchanged > 0 { parts.append("\(unchanged) unchanged") }
        if parts.isEmpty { parts.append("no certificates configured") }
        return "certificates: " + parts.joined(separator: "; ")
    }
}
