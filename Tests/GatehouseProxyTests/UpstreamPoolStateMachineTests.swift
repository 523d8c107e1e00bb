@testable import GatehouseProxy
import NIOCore
import XCTest

final class UpstreamPoolStateMachineTests: XCTestCase {
    private let now = NIODeadline.uptimeNanoseconds(5_000_000_000)

    private func machine(_ limits: [Int?], queue: Int = 2) -> UpstreamPoolStateMachine {
        UpstreamPoolStateMachine(limits: limits, queueCapacity: queue, queueTimeout: .seconds(3), failTimeout: .seconds(10))
    }

    func testLeastOutstandingAndTiesRotate() {
        var m = machine([nil, nil])
        XCTAssertEqual(m.acquire(now: now), .lease(backend: 0))
        XCTAssertEqual(m.acquire(now: now), .lease(backend: 1))
        XCTAssertEqual(m.acquire(now: now), .lease(backend: 0))
        _ = m.release(backend: 0, connectFailed: false, now: now)
        _ = m.release(backend: 0, connectFailed: false, now: now)
        // Backend 0 has 0 outstanding, backend 1 has 1.
        XCTAssertEqual(m.acquire(now: now), .lease(backend: 0))
        XCTAssertEqual(m.backends.map(\.outstanding), [1, 1])
        // Sequential requests (release each time) alternate.
        var seen: [Int] = []
        for _ in 0..<4 {
            guard case .lease(let b) = m.acquire(now: now) else { return XCTFail() }
            seen.append(b)
            _ = m.release(backend: b, connectFailed: false, now: now)
        }
        XCTAssertEqual(Set(seen), [0, 1])
    }

    func testLimitQueueAndFIFOHandoff() {
        var m = machine([1], queue: 2)
        XCTAssertEqual(m.acquire(now: now), .lease(backend: 0))
        XCTAssertEqual(m.acquire(now: now), .enqueue(waiterID: 0, deadline: now + .seconds(3)))
        XCTAssertEqual(m.acquire(now: now), .enqueue(waiterID: 1, deadline: now + .seconds(3)))
        XCTAssertEqual(m.acquire(now: now), .reject(.queueFull))
        XCTAssertEqual(m.release(backend: 0, connectFailed: false, now: now), [.init(waiterID: 0, backend: 0)])
        XCTAssertEqual(m.backends[0].outstanding, 1)
        XCTAssertEqual(m.release(backend: 0, connectFailed: false, now: now), [.init(waiterID: 1, backend: 0)])
        XCTAssertEqual(m.release(backend: 0, connectFailed: false, now: now), [])
        XCTAssertEqual(m.backends[0].outstanding, 0)
    }

    func testTimeoutRemovesWaiterOnce() {
        var m = machine([1])
        _ = m.acquire(now: now)
        guard case .enqueue(let id, _) = m.acquire(now: now) else { return XCTFail() }
        XCTAssertTrue(m.timeout(waiterID: id))
        XCTAssertFalse(m.timeout(waiterID: id))
        XCTAssertEqual(m.release(backend: 0, connectFailed: false, now: now), [], "nobody left to serve")
    }

    func testConnectFailureMarksDownForFailTimeout() {
        var m = machine([nil, nil])
        XCTAssertEqual(m.acquire(now: now), .lease(backend: 0))
        _ = m.release(backend: 0, connectFailed: true, now: now)
        for _ in 0..<3 {
            XCTAssertEqual(m.acquire(now: now + .seconds(1)), .lease(backend: 1))
        }
        // After fail_timeout it is back, and least-outstanding prefers it.
        XCTAssertEqual(m.acquire(now: now + .seconds(10)), .lease(backend: 0))
    }

    func testAllDownStillTries() {
        var m = machine([nil])
        _ = m.acquire(now: now)
        _ = m.release(backend: 0, connectFailed: true, now: now)
        XCTAssertTrue(m.allDown(at: now))
        XCTAssertEqual(m.acquire(now: now), .lease(backend: 0))
    }

    func testExclusionForRetries() {
        var m = machine([nil, nil, nil])
        XCTAssertEqual(m.acquire(excluding: [0, 1], now: now), .lease(backend: 2))
        guard case .lease(let other) = m.acquire(excluding: [2], now: now) else { return XCTFail() }
        XCTAssertNotEqual(other, 2)
        var limited = machine([1, 1])
        XCTAssertEqual(limited.acquire(excluding: [1], now: now), .lease(backend: 0))
        guard case .enqueue(let id, _) = limited.acquire(excluding: [1], now: now) else { return XCTFail() }
        XCTAssertEqual(limited.acquire(now: now), .lease(backend: 1))
        // A slot on backend 1 cannot serve the waiter that excludes it.
        XCTAssertEqual(limited.release(backend: 1, connectFailed: false, now: now), [])
        XCTAssertEqual(limited.release(backend: 0, connectFailed: false, now: now), [.init(waiterID: id, backend: 0)])
    }
}
