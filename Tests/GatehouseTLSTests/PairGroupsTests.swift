@testable import GatehouseTLS
import XCTest

final class PairGroupsTests: XCTestCase {
    func testPairsSharingANameAreOneGroup() {
        XCTAssertEqual(PairGroups.group([["a.test"], ["b.test"], ["A.test."], ["c.test", "b.test"], []]),
                       [[0, 2], [1, 3], [4]])
        XCTAssertEqual(PairGroups.group([["a"], ["b"], ["b", "c"], ["c", "a"]]), [[0, 1, 2, 3]])
        XCTAssertEqual(PairGroups.group([]), [])
    }
}
