@testable import GatehouseProxy
import NIOCore
import XCTest

final class BodyRateGuardTests: XCTestCase {
    private let t0 = NIODeadline.uptimeNanoseconds(1_000_000_000)
    private func at(_ seconds: Double) -> NIODeadline { t0 + .nanoseconds(Int64(seconds * 1e9)) }
    private let config = BodyRateGuard.Configuration(totalTimeout: .seconds(60), minimumRate: 100, window: .seconds(10))

    func testSteadyClientProceeds() {
        var guardian = BodyRateGuard(configuration: config, start: t0)
        for second in 1...50 {
            XCTAssertEqual(guardian.record(bytes: 150, at: at(Double(second))), .proceed)
        }
        XCTAssertEqual(guardian.totalBytes, 7500)
    }

    func testTrickleIsCutAtTheEndOfTheFirstWindow() {
        var guardian = BodyRateGuard(configuration: config, start: t0)
        XCTAssertEqual(guardian.record(bytes: 1, at: at(3)), .proceed)
        XCTAssertEqual(guardian.record(bytes: 1, at: at(9.9)), .proceed)
        XCTAssertEqual(guardian.nextCheck, at(10))
        XCTAssertEqual(guardian.check(at: at(10)), .tooSlow(receivedInWindow: 2, required: 1000))
        XCTAssertEqual(BodyRateGuard.Verdict.tooSlow(receivedInWindow: 2, required: 1000).reason, .clientBodyTooSlow)
    }

    func testFastStartThenTrickleIsCaughtInALaterWindow() {
        // A per-connection average would stay high for minutes; windows catch the trickle after one window.
        var guardian = BodyRateGuard(configuration: config, start: t0)
        XCTAssertEqual(guardian.record(bytes: 1_000_000, at: at(1)), .proceed)
        XCTAssertEqual(guardian.record(bytes: 1, at: at(15)), .proceed)  // window [0,10) had plenty
        XCTAssertEqual(guardian.nextCheck, at(20))
        XCTAssertEqual(guardian.check(at: at(20)), .tooSlow(receivedInWindow: 1, required: 1000))
    }

    func testAPauseTheServerImposedIsNotCountedAgainstTheClient() {
        var guardian = BodyRateGuard(configuration: config, start: t0)
        XCTAssertEqual(guardian.record(bytes: 5000, at: at(1)), .proceed)
        // The server stopped reading from 2 s to 32 s (its disk was behind); the window restarts on resumption.
        guardian.restartWindow(at: at(32))
        XCTAssertEqual(guardian.nextCheck, at(42))
        XCTAssertEqual(guardian.record(bytes: 1000, at: at(35)), .proceed)
        XCTAssertEqual(guardian.check(at: at(42)), .proceed)
        // The total deadline still runs from the start.
        XCTAssertEqual(guardian.check(at: at(60)), .timedOut)
    }

    func testSilenceOverSeveralWindowsFails() {
        var guardian = BodyRateGuard(configuration: config, start: t0)
        XCTAssertEqual(guardian.record(bytes: 5000, at: at(1)), .proceed)
        XCTAssertEqual(guardian.record(bytes: 5000, at: at(25)), .tooSlow(receivedInWindow: 0, required: 1000))
    }

    func testTotalDeadline() {
        var guardian = BodyRateGuard(configuration: .init(totalTimeout: .seconds(5), minimumRate: 0, window: .seconds(10)),
                                     start: t0)
        XCTAssertEqual(guardian.nextCheck, at(5))
        XCTAssertEqual(guardian.record(bytes: 1, at: at(4.9)), .proceed)
        XCTAssertEqual(guardian.record(bytes: 1, at: at(5)), .timedOut)
        XCTAssertEqual(BodyRateGuard.Verdict.timedOut.reason, .clientBodyTimeout)
        XCTAssertEqual(ProxyError.status(for: .clientBodyTimeout), .requestTimeout)
    }

    func testCheckBeforeWindowEndProceeds() {
        var guardian = BodyRateGuard(configuration: config, start: t0)
        XCTAssertEqual(guardian.check(at: at(9.99)), .proceed)
    }
}
