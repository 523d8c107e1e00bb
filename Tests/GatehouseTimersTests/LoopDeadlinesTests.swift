import GatehouseTimers
import NIOCore
import NIOEmbedded
import XCTest

/// The per-loop deadline registry on an embedded loop (virtual time): members are told once their deadline is
/// reached on the tick grid and not before, moving a deadline later needs no call, forgotten members are never
/// told, and members may leave (or make others leave) while being told.
final class LoopDeadlinesTests: XCTestCase {
    private final class Member: LoopDeadlineMember {
        var deadlineSlot = -1
        var deadline: NIODeadline?
        var told: [NIODeadline] = []
        var onDue: ((Member) -> Void)?

        init(deadline: NIODeadline?) { self.deadline = deadline }

        func deadlineDue(now: NIODeadline) {
            told.append(now)
            onDue?(self)
        }
    }

    private var loop: EmbeddedEventLoop!
    private var deadlines: LoopDeadlines!

    override func setUp() {
        loop = EmbeddedEventLoop()
        deadlines = LoopDeadlines(eventLoop: loop)
    }

    override func tearDown() {
        try? loop.syncShutdownGracefully()
    }

    private var tick: Int64 { LoopDeadlines.tick.nanoseconds }

    func testMemberIsToldAtTheFirstGridPointAtOrAfterItsDeadline() {
        let member = Member(deadline: loop.now + .nanoseconds(2 * tick + tick / 2))
        deadlines.watch(member)
        XCTAssertEqual(deadlines.count, 1)
        loop.advanceTime(by: .nanoseconds(3 * tick - 1))
        XCTAssertEqual(member.told.count, 0, "told before the grid point after its deadline")
        loop.advanceTime(by: .nanoseconds(1))
        XCTAssertEqual(member.told.count, 1)
        XCTAssertEqual(member.told.first, .uptimeNanoseconds(UInt64(3 * tick)))
    }

    func testDeadlineMovedLaterDelaysTheReportWithoutAnyCall() {
        let member = Member(deadline: loop.now + .nanoseconds(tick))
        deadlines.watch(member)
        member.deadline = loop.now + .nanoseconds(5 * tick)  // progress: the member moves its own deadline
        loop.advanceTime(by: .nanoseconds(4 * tick))
        XCTAssertEqual(member.told.count, 0, "told although its deadline had moved later")
        loop.advanceTime(by: .nanoseconds(tick))
        XCTAssertEqual(member.told.count, 1, "the registry re-armed for the moved deadline")
    }

    func testForgottenMemberIsNeverToldAndTheRegistryStaysUsable() {
        let gone = Member(deadline: loop.now + .nanoseconds(tick))
        deadlines.watch(gone)
        deadlines.forget(gone)
        XCTAssertEqual(gone.deadlineSlot, -1)
        XCTAssertEqual(deadlines.count, 0)
        loop.advanceTime(by: .nanoseconds(3 * tick))
        XCTAssertEqual(gone.told.count, 0)

        let later = Member(deadline: loop.now + .nanoseconds(tick))
        later.onDue = { [deadlines] me in deadlines!.forget(me) }
        deadlines.watch(later)
        loop.advanceTime(by: .nanoseconds(3 * tick))
        XCTAssertEqual(later.told.count, 1)
    }

    func testForgettingSwapsTheLastMemberIntoTheFreedSlot() {
        let members = (0..<3).map { _ in Member(deadline: loop.now + .seconds(60)) }
        members.forEach(deadlines.watch)
        XCTAssertEqual(members.map(\.deadlineSlot), [0, 1, 2])
        deadlines.forget(members[0])
        XCTAssertEqual(members.map(\.deadlineSlot), [-1, 1, 0])
        deadlines.forget(members[0])  // twice: nothing happens
        XCTAssertEqual(deadlines.count, 2)
        deadlines.forget(members[2])
        deadlines.forget(members[1])
        XCTAssertEqual(deadlines.count, 0)
    }

    func testMembersMayLeaveAndRemoveOthersWhileBeingTold() {
        let first = Member(deadline: loop.now + .nanoseconds(tick))
        let second = Member(deadline: loop.now + .nanoseconds(tick))
        let third = Member(deadline: loop.now + .nanoseconds(tick))
        first.onDue = { [deadlines] me in
            deadlines!.forget(me)
            deadlines!.forget(second)  // a timeout that ends another exchange too
        }
        third.onDue = { [deadlines] me in deadlines!.forget(me) }
        [first, second, third].forEach(deadlines.watch)
        loop.advanceTime(by: .nanoseconds(tick))
        XCTAssertEqual(first.told.count, 1)
        XCTAssertEqual(second.told.count, 0, "a member removed during the round was still told")
        XCTAssertEqual(third.told.count, 1)
        XCTAssertEqual(deadlines.count, 0)
    }

    func testMemberThatIgnoresItsDueDeadlineIsAskedAgainOneTickLaterNotInALoop() {
        let stubborn = Member(deadline: loop.now + .nanoseconds(tick))
        deadlines.watch(stubborn)
        loop.advanceTime(by: .nanoseconds(tick))
        XCTAssertEqual(stubborn.told.count, 1)
        loop.advanceTime(by: .nanoseconds(tick - 1))
        XCTAssertEqual(stubborn.told.count, 1)
        loop.advanceTime(by: .nanoseconds(1))
        XCTAssertEqual(stubborn.told.count, 2)
    }

    func testAnEarlierDeadlineBringsThePendingCheckForward() {
        let slow = Member(deadline: loop.now + .seconds(60))
        deadlines.watch(slow)
        let fast = Member(deadline: loop.now + .nanoseconds(tick))
        deadlines.watch(fast)
        loop.advanceTime(by: .nanoseconds(tick))
        XCTAssertEqual(fast.told.count, 1)
        XCTAssertEqual(slow.told.count, 0)
    }

    func testMemberRearmingWhileToldDoesNotDelayAnEarlierOne() {
        // A periodic check (the slow-body guard) sets its next deadline from inside its report; another member due
        // sooner than that must still be told on time.
        let periodic = Member(deadline: loop.now + .nanoseconds(tick))
        let period = TimeAmount.nanoseconds(10 * tick)
        periodic.onDue = { [deadlines, loop] me in
            me.deadline = loop!.now + period
            deadlines!.watch(me)
        }
        let soon = Member(deadline: loop.now + .nanoseconds(3 * tick))
        deadlines.watch(periodic)
        deadlines.watch(soon)
        loop.advanceTime(by: .nanoseconds(tick))
        XCTAssertEqual(periodic.told.count, 1)
        loop.advanceTime(by: .nanoseconds(2 * tick))
        XCTAssertEqual(soon.told.count, 1, "the re-armed member pushed the next check past an earlier deadline")
        loop.advanceTime(by: .nanoseconds(8 * tick))
        XCTAssertEqual(periodic.told.count, 2)
    }

    func testGridPointsRoundUpToTheTick() {
        XCTAssertEqual(LoopDeadlines.gridPoint(atOrAfter: .uptimeNanoseconds(0)), .uptimeNanoseconds(0))
        XCTAssertEqual(LoopDeadlines.gridPoint(atOrAfter: .uptimeNanoseconds(1)),
                       .uptimeNanoseconds(UInt64(tick)))
        XCTAssertEqual(LoopDeadlines.gridPoint(atOrAfter: .uptimeNanoseconds(UInt64(tick))),
                       .uptimeNanoseconds(UInt64(tick)))
        XCTAssertEqual(LoopDeadlines.gridPoint(atOrAfter: .distantFuture), .distantFuture)
    }

    func testCurrentRegistryIsPerLoop() {
        let a = LoopDeadlines.current(on: loop)
        XCTAssertTrue(a === LoopDeadlines.current(on: loop))
        let other = EmbeddedEventLoop()
        defer { try? other.syncShutdownGracefully() }
        let b = LoopDeadlines.current(on: other)
        XCTAssertFalse(a === b)
        XCTAssertTrue(b.eventLoop === other)
    }
}
