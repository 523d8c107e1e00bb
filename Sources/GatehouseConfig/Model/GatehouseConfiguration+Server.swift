extension GatehouseConfiguration {
    /// `[server]`: process-wide settings.
    public struct Server: Sendable, Equatable {
        /// `workers`: the number of event loops; 0 (default) means one per CPU core. 0–1024.
        public var workers = 0
        /// `server_header`: the `Server` response header (default `"gatehouse"`; `""` sends none).
        public var serverHeader = "gatehouse"
        /// `shutdown_grace`: on SIGTERM/SIGINT, how long in-flight requests may run before connections are closed
        /// (default 30s).
        public var shutdownGrace = ConfigDuration.seconds(30)

        /// The defaults.
        public init() {}

        /// The number of event loops to start on a machine with `coreCount` cores.
        public func effectiveWorkers(coreCount: Int) -> Int {
            workers > 0 ? workers : max(1, coreCount)
        }
    }
}
