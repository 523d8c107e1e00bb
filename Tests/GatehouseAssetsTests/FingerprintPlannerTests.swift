import XCTest
@testable import GatehouseAssets

final class FingerprintPlannerTests: XCTestCase {
    private func file(_ path: String, _ text: String) -> SourceFile {
        SourceFile(path: path, content: Array(text.utf8), mtime: 1)
    }

    private let planner = FingerprintPlanner(fingerprintExtensions: AssetPipelineConfiguration.defaultFingerprintExtensions)

    private func text(_ plan: FingerprintPlan, _ path: String) -> String {
        String(decoding: plan.files[path]!.content, as: UTF8.self)
    }

    func testRelativeReferencesAreRewrittenKeepingQueryFragmentAndQuotes() throws {
        let plan = try planner.plan([
            file("css/site.css", """
                @font-face { src: url("../fonts/inter.woff2?v=4#x") format("woff2"); }
                .logo { background: url(../img/logo.svg); }
                .bg { background: url('data:image/png;base64,AAAA'), url(https://cdn.example/x.png); }
                """),
            file("fonts/inter.woff2", "wOF2-fake-font"),
            file("img/logo.svg", "<svg/>"),
        ])
        let font = try XCTUnwrap(plan.files["fonts/inter.woff2"]?.fingerprintedPath)
        let logo = try XCTUnwrap(plan.files["img/logo.svg"]?.fingerprintedPath)
        let css = text(plan, "css/site.css")
        XCTAssertTrue(css.contains("url(\"../fonts/\(PathUtilities.lastComponent(font))?v=4#x\")"), css)
        XCTAssertTrue(css.contains("url(../img/\(PathUtilities.lastComponent(logo)))"), css)
        XCTAssertTrue(css.contains("url('data:image/png;base64,AAAA')"))
        XCTAssertTrue(css.contains("url(https://cdn.example/x.png)"))
        XCTAssertTrue(plan.missing.isEmpty)
    }

    func testHashIsTakenAfterRewritingAndNameUsesIt() throws {
        let before = try planner.plan([file("a.css", "x{background:url(b.svg)}"), file("b.svg", "<svg>1</svg>")])
        let after = try planner.plan([file("a.css", "x{background:url(b.svg)}"), file("b.svg", "<svg>2</svg>")])
        let a1 = before.files["a.css"]!, a2 = after.files["a.css"]!
        XCTAssertNotEqual(a1.fingerprintedPath, a2.fingerprintedPath, "a dependency's change renames the referrer")
        XCTAssertEqual(a1.sha256, SHA256.hexDigest(a1.content))
        XCTAssertEqual(a1.fingerprintedPath, "a.\(a1.sha256.prefix(12)).css")
    }

    func testImportChainsAreOrderedDependenciesFirst() throws {
        let plan = try planner.plan([
            file("a.css", "@import 'b.css';"),
            file("b.css", "@import \"c.css\";"),
            file("c.css", "p{}"),
        ])
        let c = plan.files["c.css"]!.fingerprintedPath!
        let b = plan.files["b.css"]!.fingerprintedPath!
        XCTAssertEqual(text(plan, "b.css"), "@import \"\(c)\";")
        XCTAssertEqual(text(plan, "a.css"), "@import '\(b)';")
    }

    func testMissingTargetsAreReportedWithLine() throws {
        let plan = try planner.plan([file("css/a.css", "a{}\nb{background:url(nope.png)}\nc{background:url(../../up.png)}")])
        XCTAssertEqual(plan.missing.map(\.line), [2, 3])
        XCTAssertEqual(plan.missing.map(\.url), ["nope.png", "../../up.png"])
        XCTAssertTrue(plan.missing[0].description.hasPrefix("css/a.css:2: nope.png"))
        XCTAssertEqual(text(plan, "css/a.css"), "a{}\nb{background:url(nope.png)}\nc{background:url(../../up.png)}")
    }

    func testCycleIsAnErrorNamingTheFiles() {
        XCTAssertThrowsError(try planner.plan([
            file("a.css", "@import 'b.css';"),
            file("b.css", "@import 'c.css';"),
            file("c.css", "@import 'a.css';"),
        ])) { error in
            let e = error as? AssetPipelineError
            XCTAssertEqual(e?.code, .referenceCycle)
            XCTAssertTrue(e?.message.contains("a.css → b.css → c.css → a.css") ?? false, "\(error)")
        }
    }

    func testReferencesToUnfingerprintedFilesAreLeftAlone() throws {
        let plan = try planner.plan([file("a.css", "x{background:url(page.html)}"), file("page.html", "<p>")])
        XCTAssertEqual(text(plan, "a.css"), "x{background:url(page.html)}")
        XCTAssertNil(plan.files["page.html"]?.fingerprintedPath)
    }

    func testSourceMapsOfJSAndCSS() throws {
        let plan = try planner.plan([
            file("js/app.js", "console.log(1)\n//# sourceMappingURL=app.js.map\n"),
            file("js/app.js.map", "{\"version\":3}"),
        ])
        let map = plan.files["js/app.js.map"]!.fingerprintedPath!
        XCTAssertTrue(map.hasPrefix("js/app.js.") && map.hasSuffix(".map"))
        XCTAssertEqual(text(plan, "js/app.js"), "console.log(1)\n//# sourceMappingURL=\(PathUtilities.lastComponent(map))\n")
    }

    func testSpecialCharactersInHashedNamesAreEscaped() throws {
        let plan = try planner.plan([file("a.css", "x{background:url('my%20pic.svg')}"), file("my pic.svg", "<svg/>")])
        let hashed = PathUtilities.lastComponent(plan.files["my pic.svg"]!.fingerprintedPath!)
        XCTAssertEqual(text(plan, "a.css"), "x{background:url('\(hashed.replacingOccurrences(of: " ", with: "%20"))')}")
    }

    func testDjangoNamesAreReused() throws {
        let django = DjangoStaticFilesManifest(paths: ["admin/base.css": "admin/base.5af66c1b1797.css",
                                                       "admin/gone.css": "admin/gone.111111111111.css"])
            .restricted(to: ["admin/base.css", "admin/base.5af66c1b1797.css", "site.css"])
        XCTAssertEqual(django.paths.count, 1)
        let planner = FingerprintPlanner(fingerprintExtensions: ["css"], django: django)
        let plan = try planner.plan([
            file("admin/base.css", "a{background:url(x.png)}"),
            file("admin/base.5af66c1b1797.css", "a{background:url(x.abc.png)}"),
            file("site.css", "@import 'admin/base.css';"),
        ])
        XCTAssertEqual(plan.files["admin/base.css"]?.fingerprintedPath, "admin/base.5af66c1b1797.css")
        XCTAssertEqual(plan.files["admin/base.5af66c1b1797.css"]?.isAlreadyHashed, true)
        XCTAssertNil(plan.files["admin/base.5af66c1b1797.css"]?.fingerprintedPath, "no second hash")
        XCTAssertEqual(text(plan, "admin/base.css"), "a{background:url(x.png)}", "Django's files are not rewritten")
        XCTAssertTrue(plan.missing.isEmpty, "Django's own references are not checked")
        XCTAssertEqual(text(plan, "site.css"), "@import 'admin/base.5af66c1b1797.css';")
    }

    func testDjangoManifestParsing() throws {
        let json = #"{"paths": {"a.css": "a.123.css"}, "version": "1.1", "hash": "x"}"#
        XCTAssertEqual(try DjangoStaticFilesManifest(json: Array(json.utf8)).paths, ["a.css": "a.123.css"])
        XCTAssertThrowsError(try DjangoStaticFilesManifest(json: Array("[]".utf8)))
    }
}
