@testable import GatehouseTLS
import XCTest

/// Which directories are watched for the layouts renewal tools produce, built for real in a temporary directory.
final class CertificateWatchPlanTests: XCTestCase {
    var dir: TemporaryDirectory!
    var root: String { dir.path }

    override func setUp() {
        dir = TemporaryDirectory()
    }

    func mkdir(_ path: String) {
        XCTAssertEqual(Glibc.mkdir("\(root)/\(path)", 0o755), 0)
    }

    func link(_ target: String, _ path: String) {
        XCTAssertEqual(symlink(target, "\(root)/\(path)"), 0)
    }

    func touch(_ path: String) throws {
        _ = try dir.write(path, [])
    }

    func testPlainFilesWatchTheirDirectory() throws {
        try touch("cert.pem")
        try touch("key.pem")
        let plan = CertificateWatchPlan(files: ["\(root)/cert.pem", "\(root)/key.pem"], workingDirectory: "/")
        XCTAssertEqual(plan.directories, [root: ["cert.pem", "key.pem"]])
        XCTAssertTrue(plan.isRelevant(name: "cert.pem", in: root))
        XCTAssertFalse(plan.isRelevant(name: "access.log", in: root))
    }

    func testRelativePathsUseTheWorkingDirectory() throws {
        mkdir("certs")
        let plan = CertificateWatchPlan(files: ["certs/./a.pem", "certs/../b.pem"], workingDirectory: root)
        XCTAssertEqual(plan.directories, ["\(root)/certs": ["a.pem"], root: ["b.pem"]])
    }

    func testCertbotLiveLinksIntoArchive() throws {
        mkdir("le"); mkdir("le/live"); mkdir("le/live/site"); mkdir("le/archive"); mkdir("le/archive/site")
        try touch("le/archive/site/cert3.pem")
        link("../../archive/site/cert3.pem", "le/live/site/cert.pem")
        let plan = CertificateWatchPlan(files: ["\(root)/le/live/site/cert.pem"], workingDirectory: "/")
        XCTAssertEqual(plan.directories, ["\(root)/le/live/site": ["cert.pem"],
                                          "\(root)/le/archive/site": ["cert3.pem"]])
    }

    func testKubernetesDataSymlink() throws {
        mkdir("m"); mkdir("m/..2024_01")
        try touch("m/..2024_01/tls.crt")
        link("..2024_01", "m/..data")
        link("..data/tls.crt", "m/tls.crt")
        let plan = CertificateWatchPlan(files: ["\(root)/m/tls.crt"], workingDirectory: "/")
        XCTAssertEqual(plan.directories, ["\(root)/m": ["tls.crt", "..data"], "\(root)/m/..2024_01": ["tls.crt"]])
    }

    func testDirectorySymlinkFlipAndAbsoluteTargets() throws {
        mkdir("v1")
        try touch("v1/cert.pem")
        link("\(root)/v1", "current")
        let plan = CertificateWatchPlan(files: ["\(root)/current/cert.pem"], workingDirectory: "/")
        XCTAssertEqual(plan.directories, [root: ["current"], "\(root)/v1": ["cert.pem"]])
    }

    func testMissingFilesAndLinkLoopsStillGiveADirectory() throws {
        link("loop", "loop")
        let plan = CertificateWatchPlan(files: ["\(root)/missing.pem", "\(root)/loop"], workingDirectory: "/")
        XCTAssertEqual(plan.directories[root], ["missing.pem", "loop"])
    }
}
