extension GatehouseConfiguration {
    /// `[admin]`: the admin listener's credentials (the listener itself is `listen.admin`).
    public struct Admin: Sendable, Equatable {
        /// `token`: bearer token required by state-changing admin requests such as cache purges
        /// (default `""`: those requests are refused).
        public var token = ""

        /// The defaults.
        public init() {}
    }
}
