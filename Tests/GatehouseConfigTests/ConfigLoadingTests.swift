import Foundation
import XCTest
@testable import GatehouseConfig

final class ConfigLoadingTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("gatehouse-config-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
    }

    private func write(_ text: String, to name: String = "gatehouse.toml") throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func testDefaultsMatchTheDocumentedValues() {
        let c = GatehouseConfiguration()
        XCTAssertEqual(c.listen.https.map(\.description), ["127.0.0.1:8443"])
        XCTAssertEqual(c.listen.http.map(\.description), ["127.0.0.1:8080"])
        XCTAssertNil(c.listen.admin)
        XCTAssertEqual(c.tls.certificates, [.init(certificateFile: "certs/localhost.pem",
                                                  keyFile: "certs/localhost-key.pem")])
        XCTAssertEqual(c.tls.minVersion, .tls12)
        XCTAssertEqual(c.tls.groups, "X25519:P-256")
        XCTAssertEqual(c.http.maxHeaderSize.bytes, 16384)
        XCTAssertEqual(c.staticMounts, [.init(prefix: "/", directory: "assets-build")])
        XCTAssertEqual(c.upstreams, [])
        XCTAssertEqual(c.cache.statuses, [200, 301, 308, 404])
        XCTAssertEqual(c.server.effectiveWorkers(coreCount: 4), 4)
        XCTAssertTrue(c.validate().isEmpty, "\(c.validate())")
    }

    func testEmptyFileGivesDefaults() throws {
        XCTAssertEqual(try GatehouseConfiguration.parse(text: "", fileName: "empty.toml"), GatehouseConfiguration())
        XCTAssertEqual(try GatehouseConfiguration.parse(text: "# only a comment\n\n", fileName: "c.toml"),
                       GatehouseConfiguration())
        XCTAssertEqual(try GatehouseConfiguration.load(path: try write("")), GatehouseConfiguration())
    }

    func testNoPathAndNoDefaultFileGivesDefaults() throws {
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(directory.path))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        XCTAssertEqual(try GatehouseConfiguration.load(path: nil), GatehouseConfiguration())

        // And with a gatehouse.toml in the working directory, that file is used.
        _ = try write("[server]\nworkers = 3\n")
        XCTAssertEqual(try GatehouseConfiguration.load(path: nil).server.workers, 3)
    }

    func testExplicitMissingFileIsAnError() {
        let path = directory.appendingPathComponent("nope.toml").path
        XCTAssertThrowsError(try GatehouseConfiguration.load(path: path)) { error in
            XCTAssertEqual("\(error)", "\(path): no such file")
        }
        XCTAssertEqual(GatehouseConfiguration.check(path: path).map(\.description), ["\(path): no such file"])
        XCTAssertEqual(GatehouseConfiguration.check(path: directory.path).first?.message,
                       "is a directory, not a config file")
    }

    func testGoodFile() throws {
        let text = """
            [server]
            workers = 4
            shutdown_grace = 5

            [listen]
            https = ["0.0.0.0:443", "[::]:443"]
            http = []
            admin = "[::1]:9090"

            [tls]
            min_version = "1.3"
            alpn = ["http/1.1"]
            ticket_key_rotation = "1h"

            [[tls.certificate]]
            cert = "/etc/ssl/rsa.pem"
            key = "/etc/ssl/rsa-key.pem"
            names = ["example.com", "*.Example.com"]

            [[tls.certificate]]
            cert = "/etc/ssl/ecdsa.pem"
            key = "/etc/ssl/ecdsa-key.pem"
            chain = "/etc/ssl/chain.pem"
            default = true

            [http]
            max_header_size = "32KiB"
            header_timeout = "5s"
            hsts = "max-age=31536000; includeSubDomains"

            [log]
            level = "debug"
            access = "/var/log/gatehouse/access.log"
            access_format = "json"

            [[static]]
            prefix = "/static"
            dir = "build/static"

            [[static]]
            prefix = "/media/"
            dir = "build/media"

            [proxy]
            client_max_body_size = "20MiB"
            spool_dir = "/var/spool/gatehouse"
            trust_forwarded_from = ["127.0.0.1", "10.0.0.0/8"]

            [[upstream]]
            name = "django"
            servers = ["unix:/run/django.sock", "127.0.0.1:3031"]
            max_conns = 4
            buffer_size = "32KiB"

            [[route]]
            prefix = "/api/"
            upstream = "django"

            [cache]
            enabled = true
            max_size = 67108864

            [[cache.rule]]
            prefix = "/posts/"
            ttl = "24h"

            [admin]
            token = "s3cret"
            """
        let c = try GatehouseConfiguration.parse(text: text, fileName: "good.toml")
        XCTAssertEqual(c.server.workers, 4)
        XCTAssertEqual(c.server.shutdownGrace, .seconds(5))
        XCTAssertEqual(c.listen.https.map(\.description), ["0.0.0.0:443", "[::]:443"])
        XCTAssertEqual(c.listen.http, [])
        XCTAssertEqual(c.listen.admin?.description, "[::1]:9090")
        XCTAssertEqual(c.tls.minVersion, .tls13)
        XCTAssertEqual(c.tls.ticketKeyRotation, .hours(1))
        XCTAssertEqual(c.tls.certificates.count, 2)
        XCTAssertEqual(c.tls.certificates[0].names, ["example.com", "*.example.com"])
        XCTAssertNil(c.tls.certificates[0].chainFile)
        XCTAssertEqual(c.tls.certificates[1].chainFile, "/etc/ssl/chain.pem")
        XCTAssertEqual(c.tls.defaultCertificate?.certificateFile, "/etc/ssl/ecdsa.pem")
        XCTAssertEqual(c.http.maxHeaderSize, .kibibytes(32))
        XCTAssertEqual(c.http.hsts, "max-age=31536000; includeSubDomains")
        XCTAssertEqual(c.log.level, .debug)
        XCTAssertEqual(c.log.access, .file("/var/log/gatehouse/access.log"))
        XCTAssertEqual(c.log.accessFormat, .json)
        XCTAssertEqual(c.staticMounts.map(\.prefix), ["/static/", "/media/"])
        XCTAssertEqual(c.proxy.clientMaxBodySize, .mebibytes(20))
        XCTAssertEqual(c.proxy.spoolDirectory, "/var/spool/gatehouse")
        XCTAssertEqual(c.proxy.trustForwardedFrom.map(\.description), ["127.0.0.1/32", "10.0.0.0/8"])
        XCTAssertEqual(c.upstreams.count, 1)
        XCTAssertEqual(c.upstreams[0].servers, [.unix(path: "/run/django.sock"),
                                                .tcp(ListenAddress(host: "127.0.0.1", port: 3031))])
        XCTAssertEqual(c.upstreams[0].bufferSize.bytes, 32768)
        XCTAssertEqual(c.upstreams[0].queueSize, 100, "unset keys keep their defaults")
        XCTAssertEqual(c.routes, [.init(prefix: "/api/", upstream: "django")])
        XCTAssertTrue(c.cache.enabled)
        XCTAssertEqual(c.cache.maxSize, .mebibytes(64))
        XCTAssertEqual(c.cache.rules, [.init(match: .prefix("/posts/"), ttl: .hours(24))])
        XCTAssertEqual(c.admin.token, "s3cret")
    }

    func testLoadReadsAFile() throws {
        let path = try write("[http]\nkeepalive_timeout = \"0\"\n", to: "custom.toml")
        XCTAssertEqual(try GatehouseConfiguration.load(path: path).http.keepaliveTimeout, .zero)
        XCTAssertEqual(GatehouseConfiguration.check(path: path), [])
    }

    func testValidateAfterFlagOverrides() {
        var c = GatehouseConfiguration()
        c.listen.admin = ListenAddress(host: "0.0.0.0", port: 9090)
        c.routes = [.init(prefix: "/api/", upstream: "missing")]
        XCTAssertEqual(c.validate().map(\.description), [
            "listen.admin: the admin listener must be on a loopback address (127.0.0.1, [::1] or localhost), "
                + "got \"0.0.0.0:9090\"",
            "route[0].upstream: unknown upstream \"missing\" (no [[upstream]] is defined)",
        ])
    }
}
