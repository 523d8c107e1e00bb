import Atomics

/// Server-level counters, cheap to bump from any event loop, rendered as Prometheus text.
public final class GatewayMetrics: Sendable {
    private let requestsByClass = (0..<6).map { _ in ManagedAtomic<Int>(0) }
    private let bytesSent = ManagedAtomic<Int>(0)
    private let connectionsAccepted = ManagedAtomic<Int>(0)
    private let connectionsOpen = ManagedAtomic<Int>(0)

    public init() {}

    func recordResponse(status: Int, bodyBytes: Int64) {
        let cls = min(max(status / 100, 0), 5)
        requestsByClass[cls].wrappingIncrement(ordering: .relaxed)
        bytesSent.wrappingIncrement(by: Int(bodyBytes), ordering: .relaxed)
    }

    func connectionOpened() {
        connectionsAccepted.wrappingIncrement(ordering: .relaxed)
        connectionsOpen.wrappingIncrement(ordering: .relaxed)
    }

    func connectionClosed() { connectionsOpen.wrappingDecrement(ordering: .relaxed) }

    /// Prometheus text exposition of these counters.
    public func render() -> String {
        var out = "# TYPE gatehouse_http_responses_total counter\n"
        for cls in 1...5 {
            out += "gatehouse_http_responses_total{class=\"\(cls)xx\"} \(requestsByClass[cls].load(ordering: .relaxed))\n"
        }
        out += "# TYPE gatehouse_http_response_body_bytes_total counter\n"
        out += "gatehouse_http_response_body_bytes_total \(bytesSent.load(ordering: .relaxed))\n"
        out += "# TYPE gatehouse_connections_accepted_total counter\n"
        out += "gatehouse_connections_accepted_total \(connectionsAccepted.load(ordering: .relaxed))\n"
        out += "# TYPE gatehouse_connections_open gauge\n"
        out += "gatehouse_connections_open \(connectionsOpen.load(ordering: .relaxed))\n"
        return out
    }
}
