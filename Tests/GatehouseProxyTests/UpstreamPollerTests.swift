import CGatehouseEpoll
import Glibc
@testable import GatehouseProxy
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import XCTest

/// The upstream poller with real sockets (socket pairs) and a real event loop: reports come once per arming, on
/// the owner's loop, and a report for a forgotten token is dropped.
final class UpstreamPollerTests: XCTestCase {
    private var group: MultiThreadedEventLoopGroup!
    private var descriptors: [CInt] = []

    override func setUp() {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    }

    override func tearDown() {
        for fd in descriptors { close(fd) }
        descriptors = []
        try? group.syncShutdownGracefully()
    }

    private func socketPair() throws -> (watched: CInt, peer: CInt) {
        var fds: [CInt] = [0, 0]
        let type = CInt(SOCK_STREAM.rawValue) | CInt(SOCK_NONBLOCK.rawValue) | CInt(SOCK_CLOEXEC.rawValue)
        guard socketpair(AF_UNIX, type, 0, &fds) == 0 else { throw POSIXError(.EIO) }
        descriptors += fds
        return (fds[0], fds[1])
    }

    private func send(_ fd: CInt) {
        var byte: UInt8 = 1
        XCTAssertEqual(write(fd, &byte, 1), 1)
    }

    /// Records each report and whether it ran on the owner's loop.
    private final class Recorder: @unchecked Sendable {
        let reports = NIOLockedValueBox<[(bits: UInt32, onLoop: Bool)]>([])
        var expectations: [XCTestExpectation] = []

        func handler(loop: EventLoop) -> UpstreamPoller.Handler {
            { bits in
                let count = self.reports.withLockedValue { reports -> Int in
                    reports.append((bits, loop.inEventLoop))
                    return reports.count
                }
                if count <= self.expectations.count { self.expectations[count - 1].fulfill() }
            }
        }

        var count: Int { reports.withLockedValue { $0.count } }
    }

    /// Registers a second socket and waits for its report: every report the poller had for sockets written to
    /// before has reached the loop by then (the poller hands reports to a loop in order).
    private func barrier(loop: EventLoop) throws {
        let (watched, peer) = try socketPair()
        let done = expectation(description: "barrier")
        let token = try UpstreamPoller.shared().add(watched, events: EPOLLIN.rawValue, eventLoop: loop) { _ in
            done.fulfill()
        }
        send(peer)
        wait(for: [done], timeout: 5)
        try UpstreamPoller.shared().remove(token: token)
    }

    func testOneReportPerArmingOnTheOwnersLoop() throws {
        let loop = group.next()
        let (watched, peer) = try socketPair()
        let recorder = Recorder()
        recorder.expectations = [expectation(description: "first"), expectation(description: "second")]
        let token = try UpstreamPoller.shared().add(watched, events: EPOLLIN.rawValue, eventLoop: loop,
                                                   handler: recorder.handler(loop: loop))
        defer { try? UpstreamPoller.shared().remove(token: token) }

        send(peer)
        wait(for: [recorder.expectations[0]], timeout: 5)
        send(peer)
        try barrier(loop: loop)
        XCTAssertEqual(recorder.count, 1, "one-shot: silent until re-armed, although more data arrived")

        try UpstreamPoller.shared().rearm(watched, events: EPOLLIN.rawValue, token: token)
        wait(for: [recorder.expectations[1]], timeout: 5)
        let reports = recorder.reports.withLockedValue { $0 }
        XCTAssertEqual(reports.count, 2)
        XCTAssertTrue(reports.allSatisfy { $0.onLoop }, "handlers run on the owner's event loop")
        XCTAssertTrue(reports.allSatisfy { $0.bits & EPOLLIN.rawValue != 0 })
    }

    func testAReportForAForgottenTokenIsDropped() throws {
        let loop = group.next()
        let (watched, peer) = try socketPair()
        let recorder = Recorder()
        let first = expectation(description: "writable")
        recorder.expectations = [first]  // before registering: the report may come at once
        let token = try UpstreamPoller.shared().add(watched, events: EPOLLOUT.rawValue, eventLoop: loop,
                                                   handler: recorder.handler(loop: loop))
        wait(for: [first], timeout: 5)  // a fresh socket is writable at once

        try UpstreamPoller.shared().remove(token: token)
        send(peer)
        try UpstreamPoller.shared().rearm(watched, events: EPOLLIN.rawValue, token: token)  // still in the epoll set
        try barrier(loop: loop)
        XCTAssertEqual(recorder.count, 1, "the readable report for the forgotten token never reaches a handler")
    }

    func testClosingTheDescriptorTakesItOutOfTheSet() throws {
        let loop = group.next()
        let (watched, peer) = try socketPair()
        let recorder = Recorder()
        let token = try UpstreamPoller.shared().add(watched, events: EPOLLIN.rawValue, eventLoop: loop,
                                                   handler: recorder.handler(loop: loop))
        try UpstreamPoller.shared().remove(token: token)
        close(watched)
        descriptors.removeAll { $0 == watched }
        // The number is free again: a new socket may get it and must register without EEXIST.
        let (again, againPeer) = try socketPair()
        let reported = expectation(description: "new socket")
        let second = try UpstreamPoller.shared().add(again, events: EPOLLIN.rawValue, eventLoop: loop) { _ in
            reported.fulfill()
        }
        defer { try? UpstreamPoller.shared().remove(token: second) }
        send(againPeer)
        wait(for: [reported], timeout: 5)
        XCTAssertEqual(recorder.count, 0)
        _ = peer
    }
}
