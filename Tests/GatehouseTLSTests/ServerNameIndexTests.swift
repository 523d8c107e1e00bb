import GatehouseTLS
import XCTest

final class ServerNameIndexTests: XCTestCase {
    typealias Index = ServerNameIndex<String>

    let index = Index(entries: [
        .init(names: ["localhost", "127.0.0.1"], keyType: .ecdsa, value: "local-ec"),
        .init(names: ["localhost"], keyType: .rsa, value: "local-rsa"),
        .init(names: ["Other.Test."], keyType: .ecdsa, value: "other"),
        .init(names: ["*.example.test"], keyType: .ecdsa, value: "wild"),
        .init(names: ["www.example.test"], keyType: .ecdsa, value: "www"),
        .init(names: ["localhost"], keyType: .ecdsa, value: "duplicate-ec"),
    ])

    func values(_ name: String?, reject: Bool = false) -> [String]? {
        if case .selected(let values, _) = index.select(serverName: name, rejectUnknownNames: reject) { return values }
        return nil
    }

    func testExactNameGetsOnePairPerKeyTypeFirstWins() {
        XCTAssertEqual(values("localhost"), ["local-ec", "local-rsa"])
    }

    func testNamesAreCaseInsensitiveAndIgnoreTrailingDot() {
        XCTAssertEqual(values("OTHER.test"), ["other"])
        XCTAssertEqual(values("other.test."), ["other"])
    }

    func testWildcardMatchesExactlyOneLabel() {
        XCTAssertEqual(values("a.example.test", reject: true), ["wild"])
        XCTAssertNil(values("example.test", reject: true))
        XCTAssertNil(values("a.b.example.test", reject: true))
        XCTAssertNil(values(".example.test", reject: true))
    }

    func testExactBeatsWildcard() {
        XCTAssertEqual(values("www.example.test"), ["www"])
        guard case .selected(_, let how) = index.select(serverName: "www.example.test", rejectUnknownNames: true) else {
            return XCTFail("not selected")
        }
        XCTAssertEqual(how, .exact)
    }

    func testNoSNIGetsDefaultEvenWhenRejecting() {
        XCTAssertEqual(values(nil, reject: true), ["local-ec", "local-rsa"])
        XCTAssertEqual(values("", reject: true), ["local-ec", "local-rsa"])
    }

    func testUnknownNameGetsDefaultOrIsRejected() {
        XCTAssertEqual(values("unknown.test"), ["local-ec", "local-rsa"])
        XCTAssertNil(values("unknown.test", reject: true))
        guard case .selected(_, let how) = index.select(serverName: "unknown.test", rejectUnknownNames: false) else {
            return XCTFail("not selected")
        }
        XCTAssertEqual(how, .fallback)
    }

    func testChosenDefaultName() {
        let chosen = Index(entries: [.init(names: ["a.test"], keyType: .ecdsa, value: "a"),
                                     .init(names: ["b.test"], keyType: .ecdsa, value: "b")], defaultName: "B.test")
        XCTAssertEqual(chosen.defaultValues, ["b"])
        if case .selected(let v, _) = chosen.select(serverName: nil, rejectUnknownNames: false) {
            XCTAssertEqual(v, ["b"])
        } else {
            XCTFail("no default")
        }
    }

    func testEmptyIndexRejectsEverything() {
        let empty = Index(entries: [])
        guard case .reject = empty.select(serverName: nil, rejectUnknownNames: false) else { return XCTFail("selected") }
        guard case .reject = empty.select(serverName: "x.test", rejectUnknownNames: false) else { return XCTFail("selected") }
    }

    func testNamesListing() {
        XCTAssertEqual(index.names, ["*.example.test", "127.0.0.1", "localhost", "other.test", "www.example.test"])
    }

    func testIPAddressDetection() {
        XCTAssertTrue(Index.isIPAddress("127.0.0.1"))
        XCTAssertTrue(Index.isIPAddress("::1"))
        XCTAssertFalse(Index.isIPAddress("localhost"))
        XCTAssertFalse(Index.isIPAddress("1.2.3"))
    }

    func testSlotsAreTheDistinctSelectableListsAndSelectSlotAgreesWithSelect() {
        // localhost → [local-ec, local-rsa]; 127.0.0.1 → [local-ec]; other; wild; www: five distinct lists.
        XCTAssertEqual(index.slots.count, 5)
        XCTAssertEqual(Set(index.slots.map { $0.joined(separator: ",") }),
                       ["local-ec,local-rsa", "local-ec", "other", "wild", "www"])
        for name in ["localhost", "127.0.0.1", "other.test", "a.example.test", "www.example.test", "unknown.test", nil] as [String?] {
            for reject in [false, true] {
                let slot = index.selectSlot(serverName: name, rejectUnknownNames: reject)
                switch index.select(serverName: name, rejectUnknownNames: reject) {
                case .reject: XCTAssertNil(slot, name ?? "nil")
                case .selected(let values, let matched):
                    XCTAssertEqual(slot.map { index.slots[$0.slot] }, values, name ?? "nil")
                    XCTAssertEqual(slot?.matched, matched, name ?? "nil")
                }
            }
        }
        // Two names with the same pairs share one slot.
        let shared = Index(entries: [.init(names: ["a.test", "b.test"], keyType: .ecdsa, value: "ab")])
        XCTAssertEqual(shared.slots, [["ab"]])
        XCTAssertEqual(shared.selectSlot(serverName: "a.test", rejectUnknownNames: true)?.slot,
                       shared.selectSlot(serverName: "b.test", rejectUnknownNames: true)?.slot)
    }
}
