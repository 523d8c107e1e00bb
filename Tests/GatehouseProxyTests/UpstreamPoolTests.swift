@testable import GatehouseProxy
import NIOCore
import NIOPosix
import XCTest

final class UpstreamPoolTests: XCTestCase {
    func testQueueTimeoutAndHandoffWithRealTimers() throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let loop = group.next()
        let pool = try UpstreamPool(configuration: UpstreamConfiguration(
            backends: [BackendConfiguration(address: .unix(path: "/nonexistent"), maxConnections: 1)],
            queueSize: 2, queueTimeout: .milliseconds(100), retryAfterSeconds: 3))
        let first = try pool.acquire(eventLoop: loop).wait()
        let timesOut = pool.acquire(eventLoop: loop)
        XCTAssertThrowsError(try timesOut.wait()) { error in
            XCTAssertEqual((error as? ProxyError)?.reason, .queueTimeout)
            XCTAssertEqual((error as? ProxyError)?.retryAfterSeconds, 3)
        }
        XCTAssertEqual(pool.queueLength, 0)
        let handedOff = pool.acquire(eventLoop: loop)
        first.release()
        first.release()  // ignored
        let second = try handedOff.wait()
        XCTAssertEqual(pool.status()[0].outstanding, 1)
        second.release()
        XCTAssertEqual(pool.status()[0].outstanding, 0)
    }

    func testQueueFull() throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let pool = try UpstreamPool(configuration: UpstreamConfiguration(
            backends: [BackendConfiguration(address: .unix(path: "/x"), maxConnections: 1)], queueSize: 0))
        let lease = try pool.acquire(eventLoop: group.next()).wait()
        XCTAssertThrowsError(try pool.acquire(eventLoop: group.next()).wait()) {
            XCTAssertEqual(($0 as? ProxyError)?.reason, .queueFull)
        }
        lease.release()
    }
}
