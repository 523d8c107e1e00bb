import Foundation
import GatehouseManifest
import Logging
import XCTest
@testable import GatehouseStatic

final class ManifestWatcherTests: XCTestCase {
    private func makeSite(_ text: String, in f: BuildFixture) throws {
        f.manifest = AssetManifest()
        f.add("index.html", contentType: "text/html; charset=utf-8",
              variants: [.identity: try f.writeVariant("index-\(text).html", Array(text.utf8))])
        try f.writeManifest()
    }

    private func served(_ responder: StaticResponder) -> String? {
        let request = TestHTTP.request(.GET, "/")
        guard let match = responder.match(request) else { return nil }
        return String(decoding: TestHTTP.bytes(responder.response(for: match, request: request).body), as: UTF8.self)
    }

    func testReloadsOnChangeAndKeepsTheOldIndexOnAFailure() throws {
        let f = try BuildFixture()
        try makeSite("one", in: f)
        let mount = StaticMount(prefix: "/", directory: f.directory)
        let responder = try StaticResponder(mounts: [mount])
        let watcher = ManifestWatcher(responder: responder, mount: mount, logger: Logger(label: "test"))

        guard case .unchanged = watcher.checkNow() else { return XCTFail("nothing changed yet") }

        try makeSite("two", in: f)
        guard case .reloaded(let index) = watcher.checkNow() else { return XCTFail("expected a reload") }
        XCTAssertEqual(index.assetCount, 1)
        XCTAssertEqual(served(responder), "two")

        // A half-written manifest: the old index stays, and the failure is reported once.
        try f.writeManifestBytes(Array("{\"version\": 1, \"files\": {\"index.h".utf8))
        guard case .failed(let error) = watcher.checkNow() else { return XCTFail("expected a failure") }
        XCTAssertEqual(error.kind, .badJSON)
        XCTAssertEqual(served(responder), "two")
        guard case .unchanged = watcher.checkNow() else { return XCTFail("the same broken manifest is not retried") }

        // A manifest naming a missing file also keeps the old index.
        f.manifest = AssetManifest()
        f.add("index.html", variants: [.identity: AssetVariant(file: "gone.html", size: 3, sha256: f.nextHash(),
                                                                etag: "\"abc\"")])
        try f.writeManifest()
        guard case .failed(let missing) = watcher.checkNow() else { return XCTFail("expected a failure") }
        XCTAssertEqual(missing.kind, .variantMissing)
        XCTAssertEqual(served(responder), "two")

        try makeSite("three", in: f)
        guard case .reloaded = watcher.checkNow() else { return XCTFail("expected a reload") }
        XCTAssertEqual(served(responder), "three")

        guard case .reloaded = watcher.reloadNow() else { return XCTFail("a forced reload rebuilds") }
    }

    func testMissingManifestKeepsTheIndex() throws {
        let f = try BuildFixture()
        try makeSite("one", in: f)
        let mount = StaticMount(prefix: "/", directory: f.directory)
        let responder = try StaticResponder(mounts: [mount])
        let watcher = ManifestWatcher(responder: responder, mount: mount, logger: Logger(label: "test"))
        try FileManager.default.removeItem(atPath: f.directory + "/" + AssetManifest.fileName)
        guard case .unchanged = watcher.checkNow() else { return XCTFail("a missing manifest is not a change") }
        guard case .failed(let e) = watcher.reloadNow() else { return XCTFail("a forced reload reports it") }
        XCTAssertEqual(e.kind, .manifestMissing)
        XCTAssertEqual(served(responder), "one")
    }

    func testStartsFromAnEmptyIndexWhenTheBuildAppearsLater() throws {
        let f = try BuildFixture()
        let mount = StaticMount(prefix: "/", directory: f.directory)
        let responder = StaticResponder(indexes: [AssetIndex.empty(mount: mount)])
        let watcher = ManifestWatcher(responder: responder, mount: mount, logger: Logger(label: "test"))
        XCTAssertNil(served(responder))
        try makeSite("late", in: f)
        guard case .reloaded = watcher.checkNow() else { return XCTFail("expected a reload") }
        XCTAssertEqual(served(responder), "late")
    }

    func testTimerPicksUpANewBuild() throws {
        let f = try BuildFixture()
        try makeSite("before", in: f)
        let mount = StaticMount(prefix: "/", directory: f.directory)
        let responder = try StaticResponder(mounts: [mount])
        let watcher = ManifestWatcher(responder: responder, mount: mount, interval: .milliseconds(20),
                                      logger: Logger(label: "test"))
        watcher.start()
        watcher.start()  // idempotent
        defer { watcher.stop() }
        try makeSite("after", in: f)
        // Poll the observable state (bounded), rather than sleeping a fixed time.
        let deadline = Date().addingTimeInterval(10)
        while served(responder) != "after" && Date() < deadline {
            usleep(10_000)
        }
        XCTAssertEqual(served(responder), "after")
        watcher.stop()
        try makeSite("stopped", in: f)
        guard case .reloaded = watcher.checkNow() else { return XCTFail("checkNow works while stopped") }
    }
}
