import XCTest
@testable import GatehouseCache

final class CacheMetricsTests: XCTestCase {
    func testPrometheusTextHasHelpTypeAndValue() {
        let metrics = CacheMetrics()
        metrics.increment(\.hits, by: 3)
        metrics.record { $0.bytesStored = 4096; $0.evictions = 2 }
        let text = metrics.snapshot().prometheusText()
        XCTAssertTrue(text.contains("# TYPE gatehouse_cache_hits_total counter\ngatehouse_cache_hits_total 3\n"))
        XCTAssertTrue(text.contains("# TYPE gatehouse_cache_bytes gauge\ngatehouse_cache_bytes 4096\n"))
        XCTAssertTrue(text.contains("gatehouse_cache_evictions_total 2\n"))
        XCTAssertTrue(text.contains("# HELP gatehouse_cache_coalesced_waiters_total "))
        let lines = text.split(separator: "\n")
        XCTAssertEqual(lines.count % 3, 0)
        for line in lines where !line.hasPrefix("#") {
            XCTAssertEqual(line.split(separator: " ").count, 2, String(line))
        }
    }
}
