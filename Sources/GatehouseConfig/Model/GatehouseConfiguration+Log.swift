extension GatehouseConfiguration {
    /// `[log]`: operational and access logs.
    public struct Log: Sendable, Equatable {
        /// Operational log levels, named as in swift-log.
        public enum Level: String, Sendable, Equatable, CaseIterable {
            case trace, debug, info, notice, warning, error, critical
        }

        /// Where the access log goes.
        public enum AccessLog: Sendable, Equatable {
            /// Standard output (written as `"-"`).
            case standardOutput
            /// No access log (written as `"off"`).
            case off
            /// Appended to a file at this path.
            case file(String)
        }

        /// Access log line formats.
        public enum AccessFormat: String, Sendable, Equatable, CaseIterable {
            /// The combined log format of Apache and nginx.
            case combined
            /// One JSON object per line.
            case json
        }

        /// `level`: the lowest operational level logged (default `"info"`).
        public var level = Level.info
        /// `access`: `"-"` (default, standard output), `"off"`, or a file path.
        public var access = AccessLog.standardOutput
        /// `access_format`: `"combined"` (default) or `"json"`.
        public var accessFormat = AccessFormat.combined

        /// The defaults.
        public init() {}
    }
}
