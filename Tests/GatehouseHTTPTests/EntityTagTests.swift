import XCTest
@testable import GatehouseHTTP

final class EntityTagTests: XCTestCase {
    func testParseSingle() {
        XCTAssertEqual(EntityTag("\"abc\""), EntityTag(opaqueTag: "abc"))
        XCTAssertEqual(EntityTag(" W/\"abc\" "), EntityTag(opaqueTag: "abc", isWeak: true))
        XCTAssertEqual(EntityTag("\"\""), EntityTag(opaqueTag: ""))
        XCTAssertNil(EntityTag("abc"))
        XCTAssertNil(EntityTag("\"abc"))
        XCTAssertNil(EntityTag("w/\"abc\""), "W/ is case-sensitive")
        XCTAssertNil(EntityTag("\"a b\""), "space is not an etagc")
        XCTAssertNil(EntityTag("\"a\" \"b\""))
        XCTAssertEqual(EntityTag(opaqueTag: "x", isWeak: true).description, "W/\"x\"")
    }

    func testComparisons() {
        let strong = EntityTag(opaqueTag: "1")
        let weak = EntityTag(opaqueTag: "1", isWeak: true)
        XCTAssertTrue(strong.strongMatch(strong))
        XCTAssertFalse(strong.strongMatch(weak))
        XCTAssertFalse(weak.strongMatch(weak))
        XCTAssertTrue(weak.weakMatch(strong))
        XCTAssertTrue(weak.weakMatch(weak))
        XCTAssertFalse(strong.weakMatch(EntityTag(opaqueTag: "2")))
    }

    func testListParsing() {
        XCTAssertEqual(EntityTagList("*"), .any)
        XCTAssertEqual(EntityTagList(" * "), .any)
        XCTAssertEqual(EntityTagList("\"a\", W/\"b\" ,\"c\""),
                       .tags([EntityTag(opaqueTag: "a"), EntityTag(opaqueTag: "b", isWeak: true),
                              EntityTag(opaqueTag: "c")]))
        XCTAssertEqual(EntityTagList("junk, \"a\", \"b"), .tags([EntityTag(opaqueTag: "a")]))
        XCTAssertEqual(EntityTagList("\"a,b\", \"c\""), .tags([EntityTag(opaqueTag: "a,b"), EntityTag(opaqueTag: "c")]))
        XCTAssertEqual(EntityTagList("*, \"a\""), .tags([EntityTag(opaqueTag: "a")]), "* only alone")
        XCTAssertEqual(EntityTagList(""), .tags([]))
    }

    func testListMatchingWithoutAllocation() {
        XCTAssertTrue(EntityTagList.matches(fieldValue: "\"x\", \"abc\"", etag: "\"abc\"", .strong))
        XCTAssertFalse(EntityTagList.matches(fieldValue: "W/\"abc\"", etag: "\"abc\"", .strong))
        XCTAssertTrue(EntityTagList.matches(fieldValue: "W/\"abc\"", etag: "\"abc\"", .weak))
        XCTAssertTrue(EntityTagList.matches(fieldValue: "\"abc\"", etag: "W/\"abc\"", .weak))
        XCTAssertFalse(EntityTagList.matches(fieldValue: "\"abc\"", etag: "W/\"abc\"", .strong))
        XCTAssertTrue(EntityTagList.matches(fieldValue: "*", etag: "\"abc\"", .strong))
        XCTAssertFalse(EntityTagList.matches(fieldValue: "\"abcd\"", etag: "\"abc\"", .weak))
        XCTAssertFalse(EntityTagList.matches(fieldValue: "abc", etag: "\"abc\"", .weak))
        XCTAssertTrue(EntityTagList.matches(fieldValue: "bad, \"abc\"", etag: "\"abc\"", .weak))
        XCTAssertFalse(EntityTagList.matches(fieldValue: "\"abc\"x", etag: "\"abc\"", .weak))
        XCTAssertFalse(EntityTagList.matches(fieldValue: "\"abc\"", etag: "not-a-tag", .weak))
    }
}
