@testable import GatehouseTLS
import XCTest

final class InotifyEventTests: XCTestCase {
    func parse(_ bytes: [UInt8]) -> [InotifyEvent] {
        bytes.withUnsafeBytes { InotifyEvent.parse($0) }
    }

    func testParsesSeveralRecordsWithPaddedNames() {
        let events = [
            InotifyEvent(watch: 1, mask: 0x100, name: "cert.pem.tmp"),
            InotifyEvent(watch: 1, mask: 0x80, cookie: 7, name: "cert.pem"),
            InotifyEvent(watch: 2, mask: 0x400, name: ""),
        ]
        let bytes = events.flatMap { $0.encoded() }
        XCTAssertEqual(events[0].encoded().count, 16 + 16)  // "cert.pem.tmp" + NUL padded to 16
        XCTAssertEqual(parse(bytes), events)
    }

    func testTruncatedInputNeverReadsPastTheBuffer() {
        let full = InotifyEvent(watch: 3, mask: 0x8, name: "key.pem").encoded()
        for cut in 0..<full.count {
            XCTAssertEqual(parse(Array(full.prefix(cut))), [], "cut at \(cut)")
        }
        var lying = InotifyEvent(watch: 3, mask: 0x8, name: "").encoded()
        lying[12] = 0xFF; lying[13] = 0xFF; lying[14] = 0xFF; lying[15] = 0x7F   // claims a huge name
        XCTAssertEqual(parse(lying), [])
    }

    #if os(Linux)
    func testRelevanceFollowsThePlan() throws {
        let dir = TemporaryDirectory()
        _ = try dir.write("cert.pem", [])
        let watch = try InotifyDirectoryWatch()
        defer { watch.close() }
        XCTAssertEqual(watch.apply(CertificateWatchPlan(files: ["\(dir.path)/cert.pem", "/nonexistent-dir/x.pem"],
                                                        workingDirectory: "/")).count, 1)
        XCTAssertEqual(watch.watchCount, 1)
        _ = try dir.write("access.log", [1])
        XCTAssertFalse(watch.drainRelevant())          // unrelated file in the same directory
        _ = try dir.write("cert.pem", [1])
        XCTAssertTrue(watch.drainRelevant())
        XCTAssertFalse(watch.drainRelevant())          // drained
        XCTAssertTrue(watch.isRelevant(InotifyEvent(watch: -1, mask: UInt32(IN_Q_OVERFLOW), name: "")))
    }
    #endif
}
