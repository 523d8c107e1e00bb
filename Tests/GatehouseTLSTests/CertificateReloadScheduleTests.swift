@testable import GatehouseTLS
import XCTest

/// The debounce and poll timing, driven by a fake monotonic clock (milliseconds here, for readability).
final class CertificateReloadScheduleTests: XCTestCase {
    let ms: UInt64 = 1_000_000

    func schedule(debounce: UInt64 = 300, maximumDelay: UInt64 = 2_000, poll: UInt64? = 10_000)
        -> CertificateReloadSchedule {
        CertificateReloadSchedule(debounce: debounce * ms, maximumDelay: maximumDelay * ms,
                                  pollInterval: poll.map { $0 * ms }, now: 0)
    }

    func testIdleScheduleOnlyPolls() {
        var s = schedule()
        XCTAssertEqual(s.nextDeadline, 10_000 * ms)
        XCTAssertNil(s.fire(at: 9_999 * ms))
        XCTAssertEqual(s.fire(at: 10_000 * ms), .poll)
        XCTAssertEqual(s.nextDeadline, 20_000 * ms)
        XCTAssertNil(s.fire(at: 10_001 * ms))
    }

    func testEachEventRestartsTheQuietPeriodAndOneCheckRuns() {
        var s = schedule()
        s.fileEvent(at: 100 * ms)                     // certificate written
        XCTAssertEqual(s.nextDeadline, 400 * ms)
        XCTAssertNil(s.fire(at: 399 * ms))
        s.fileEvent(at: 350 * ms)                     // key written before the quiet period ended
        XCTAssertEqual(s.nextDeadline, 650 * ms)
        XCTAssertNil(s.fire(at: 400 * ms))            // the old deadline no longer counts
        XCTAssertEqual(s.fire(at: 650 * ms), .fileEvents)
        XCTAssertNil(s.fire(at: 651 * ms))            // one check per burst
        XCTAssertNil(s.burstStartedAt)
        XCTAssertNil(s.quietUntil)
    }

    func testEventsAfterACheckStartANewBurst() {
        var s = schedule()
        s.fileEvent(at: 0)
        XCTAssertEqual(s.fire(at: 300 * ms), .fileEvents)
        s.fileEvent(at: 1_300 * ms)                   // certificate and key written 1 s apart, short debounce
        XCTAssertEqual(s.burstStartedAt, 1_300 * ms)
        XCTAssertEqual(s.fire(at: 1_600 * ms), .fileEvents)
    }

    func testAnEndlessWriterCannotStarveTheCheck() {
        var s = schedule(debounce: 300, maximumDelay: 2_000)
        var now: UInt64 = 0
        var fired: UInt64?
        while now < 5_000 * ms {
            s.fileEvent(at: now)
            if s.fire(at: now) != nil { fired = now; break }
            now += 100 * ms
        }
        XCTAssertEqual(fired, 2_000 * ms)
    }

    func testAFileCheckPostponesThePoll() {
        var s = schedule(poll: 1_000)
        s.fileEvent(at: 800 * ms)
        XCTAssertEqual(s.nextDeadline, 1_000 * ms)    // the poll is due first
        XCTAssertEqual(s.fire(at: 1_000 * ms), .poll)
        XCTAssertEqual(s.nextDeadline, 1_100 * ms)    // the burst is still pending
        XCTAssertEqual(s.fire(at: 1_100 * ms), .fileEvents)
        XCTAssertEqual(s.nextDeadline, 2_100 * ms)    // and it counts as a poll
    }

    func testPollingOffAndZeroDebounce() {
        var s = schedule(debounce: 0, poll: 0)
        XCTAssertNil(s.pollInterval)
        XCTAssertNil(s.nextDeadline)
        XCTAssertNil(s.fire(at: 1_000_000 * ms))
        s.fileEvent(at: 5 * ms)
        XCTAssertEqual(s.fire(at: 5 * ms), .fileEvents)
        XCTAssertNil(s.nextDeadline)
    }

    func testMaximumDelayIsAtLeastTheDebounce() {
        let s = schedule(debounce: 500, maximumDelay: 100)
        XCTAssertEqual(s.maximumDelay, 500 * ms)
    }

    func testConfigurationDurations() {
        XCTAssertEqual(CertificateWatcherConfiguration.nanoseconds(.milliseconds(300)), 300 * ms)
        XCTAssertEqual(CertificateWatcherConfiguration.nanoseconds(.seconds(2)), 2_000 * ms)
        XCTAssertEqual(CertificateWatcherConfiguration.nanoseconds(.seconds(-1)), 0)
        let defaults = CertificateWatcherConfiguration()
        XCTAssertEqual(defaults.debounce, .seconds(2))
        XCTAssertEqual(defaults.pollInterval, .seconds(60))
        XCTAssertEqual(defaults.expiryWarning, .seconds(14 * 86_400))
    }
}
