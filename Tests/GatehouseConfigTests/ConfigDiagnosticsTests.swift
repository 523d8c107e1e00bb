import XCTest
@testable import GatehouseConfig

/// Each kind of bad file, checked through the exact `FILE:LINE: key: problem` lines `gatehouse check` prints.
final class ConfigDiagnosticsTests: XCTestCase {
    private func problems(_ text: String) -> [String] {
        GatehouseConfiguration.check(text: text, fileName: "gatehouse.toml").map(\.description)
    }

    private func assertSingle(_ text: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(problems(text), [expected], file: file, line: line)
    }

    func testSyntaxErrorHasFileAndLine() {
        assertSingle("[server]\nworkers = 2\nserver_header = \"x\n", "gatehouse.toml:3: unterminated string: "
            + "a \"…\" string cannot span lines (use \"\"\"…\"\"\" for that)")
        assertSingle("[http]\nhsts = \"a\"\nhsts = \"b\"\n",
                     "gatehouse.toml:3: duplicate key http.hsts (first set on line 2)")
    }

    func testUnknownKeys() {
        assertSingle("[http]\nmax_header = 1\n",
                     "gatehouse.toml:2: http.max_header: unknown key (did you mean \"max_header_size\"?)")
        assertSingle("\n[serverr]\n", "gatehouse.toml:2: serverr: unknown key (did you mean \"server\"?)")
        assertSingle("colour = 1\n", "gatehouse.toml:1: colour: unknown key")
        assertSingle("[[upstream]]\nservers = [\"unix:/a.sock\"]\nbogus = true\n",
                     "gatehouse.toml:3: upstream[0].bogus: unknown key")
        assertSingle("[tls.certificate.extra]\n", "gatehouse.toml:1: tls.certificate: expected an array of tables "
            + "([[tls.certificate]]), got a table")
    }

    func testWrongTypes() {
        assertSingle("[http]\nmax_header_size = true\n",
                     "gatehouse.toml:2: http.max_header_size: expected a size like \"16KiB\", got true")
        assertSingle("[server]\nworkers = \"4\"\n", "gatehouse.toml:2: server.workers: expected an integer, got \"4\"")
        assertSingle("[tls]\nwatch = \"yes\"\n", "gatehouse.toml:2: tls.watch: expected true or false, got \"yes\"")
        XCTAssertEqual(problems("[tls]\nheadshake_timeout = 1\nhandshake_timeout = [1]\n"), [
            "gatehouse.toml:2: tls.headshake_timeout: unknown key (did you mean \"handshake_timeout\"?)",
            "gatehouse.toml:3: tls.handshake_timeout: expected a duration like \"10s\", got an array",
        ])
    }

    func testWrongTypesForTables() {
        assertSingle("server = 1\n", "gatehouse.toml:1: server: expected a table ([server]), got 1")
        assertSingle("[upstream]\nname = \"a\"\n",
                     "gatehouse.toml:1: upstream: expected an array of tables ([[upstream]]), got a table")
    }

    func testBadSizesAndDurations() {
        assertSingle("[proxy]\nclient_max_body_size = \"10MB\"\n",
                     "gatehouse.toml:2: proxy.client_max_body_size: \"10MB\": use binary units (B, KiB, MiB, GiB, "
                        + "TiB); did you mean \"MiB\"?")
        assertSingle("[proxy]\nmin_body_rate = -1\n",
                     "gatehouse.toml:2: proxy.min_body_rate: a size cannot be negative, got -1")
        assertSingle("[http]\nheader_timeout = \"10 seconds\"\n",
                     "gatehouse.toml:2: http.header_timeout: \"10 seconds\": unknown unit; use ms, s, m, h or d "
                        + "(like \"10s\", \"250ms\" or \"5m\")")
        assertSingle("[http]\nheader_timeout = 0\n",
                     "gatehouse.toml:2: http.header_timeout: must be longer than 0s, got 0s")
        assertSingle("[tls]\nexpiry_warning = 1.5\n",
                     "gatehouse.toml:2: tls.expiry_warning: expected a duration like \"10s\", got 1.5")
    }

    func testBadAddresses() {
        assertSingle("[listen]\nhttps = [\n  \"127.0.0.1:8443\",\n  \"::1:8443\",\n]\n",
                     "gatehouse.toml:4: listen.https: \"::1:8443\": put IPv6 addresses in brackets, like \"[::1]:8443\"")
        assertSingle("[listen]\nadmin = \"0.0.0.0:9090\"\n",
                     "gatehouse.toml:2: listen.admin: the admin listener must be on a loopback address (127.0.0.1, "
                        + "[::1] or localhost), got \"0.0.0.0:9090\"")
        assertSingle("[listen]\nhttp = [\"127.0.0.1:8443\"]\n",
                     "gatehouse.toml:2: listen.http: 127.0.0.1:8443 is already used by listen.https")
        assertSingle("[[upstream]]\nservers = [\"/run/app.sock\"]\n",
                     "gatehouse.toml:2: upstream[0].servers: \"/run/app.sock\": missing port; write host:port (like "
                        + "\"127.0.0.1:8443\" or \"[::1]:8443\") (a backend is \"unix:/path/to.sock\" or \"host:port\")")
        assertSingle("[proxy]\ntrust_forwarded_from = [\"10.0.0.0/40\"]\n",
                     "gatehouse.toml:2: proxy.trust_forwarded_from: \"10.0.0.0/40\": the prefix length must be a number "
                        + "from 0 to 32")
    }

    func testOutOfRange() {
        assertSingle("[listen]\nhttps = \"127.0.0.1:99999\"\n",
                     "gatehouse.toml:2: listen.https: \"127.0.0.1:99999\": port 99999 is out of range (1-65535)")
        assertSingle("[[upstream]]\nservers = \"unix:/a.sock\"\nbuffer_size = 70000\n",
                     "gatehouse.toml:3: upstream[0].buffer_size: must be between 512B and 65535B, got 70000B")
        assertSingle("[server]\nworkers = -1\n", "gatehouse.toml:2: server.workers: must be between 0 and 1024, got -1")
        assertSingle("[tls]\nmin_version = \"1.1\"\n",
                     "gatehouse.toml:2: tls.min_version: expected one of \"1.2\", \"1.3\", got \"1.1\"")
        assertSingle("[cache]\nstatuses = [200, 600]\n",
                     "gatehouse.toml:2: cache.statuses: must be between 100 and 599, got 600")
        assertSingle("[cache]\nmax_entry_size = \"1GiB\"\n",
                     "gatehouse.toml:2: cache.max_entry_size: must not be larger than cache.max_size (128MiB), got 1GiB")
    }

    func testCrossChecks() {
        assertSingle("[[static]]\nprefix = \"/s/\"\ndir = \"a\"\n[[static]]\nprefix = \"/s\"\ndir = \"b\"\n",
                     "gatehouse.toml:5: static[1].prefix: \"/s/\" is already mounted by static[0] (line 2)")
        assertSingle("[[upstream]]\nservers = \"unix:/a.sock\"\n[[route]]\nprefix = \"/api/\"\nupstream = \"api\"\n",
                     "gatehouse.toml:5: route[0].upstream: unknown upstream \"api\" (known: \"app\")")
        assertSingle("[[upstream]]\nservers = \"unix:/a.sock\"\n[[upstream]]\nservers = \"unix:/b.sock\"\n",
                     "gatehouse.toml:3: upstream[1].name: an upstream named \"app\" is already defined by upstream[0] "
                        + "(line 1)")
        assertSingle("[[tls.certificate]]\ncert = \"a.pem\"\n",
                     "gatehouse.toml:1: tls.certificate[0].key: missing; name the private key's PEM file, like "
                        + "key = \"certs/site-key.pem\"")
        assertSingle("[tls]\ncertificate = []\n",
                     "gatehouse.toml:2: tls.certificate: at least one [[tls.certificate]] is required")
        assertSingle("[[cache.rule]]\nttl = \"1m\"\n",
                     "gatehouse.toml:1: cache.rule[0]: a rule needs prefix = \"/posts/\" or pattern = \"/posts/*/comments\"")
        assertSingle("[listen]\nhttps = []\n", "gatehouse.toml:2: listen.https: at least one HTTPS listener is required")
    }

    func testSeveralErrorsAreReportedTogetherInLineOrder() {
        let text = """
            [server]
            workers = -2
            colour = "blue"

            [listen]
            https = ["127.0.0.1:8443", "localhost"]
            admin = "10.0.0.1:9000"

            [http]
            max_header_size = true
            header_timeout = "soon"

            [[tls.certificate]]
            cert = "a.pem"

            [[route]]
            prefix = "/api/"
            upstream = "nowhere"
            """
        XCTAssertEqual(problems(text), [
            "gatehouse.toml:2: server.workers: must be between 0 and 1024, got -2",
            "gatehouse.toml:3: server.colour: unknown key",
            "gatehouse.toml:6: listen.https: \"localhost\": missing port; write host:port (like \"127.0.0.1:8443\" or "
                + "\"[::1]:8443\")",
            "gatehouse.toml:7: listen.admin: the admin listener must be on a loopback address (127.0.0.1, [::1] or "
                + "localhost), got \"10.0.0.1:9000\"",
            "gatehouse.toml:10: http.max_header_size: expected a size like \"16KiB\", got true",
            "gatehouse.toml:11: http.header_timeout: expected a duration like \"10s\", \"250ms\" or \"5m\", got \"soon\"",
            "gatehouse.toml:13: tls.certificate[0].key: missing; name the private key's PEM file, like "
                + "key = \"certs/site-key.pem\"",
            "gatehouse.toml:18: route[0].upstream: unknown upstream \"nowhere\" (no [[upstream]] is defined)",
        ])
        XCTAssertThrowsError(try GatehouseConfiguration.parse(text: text, fileName: "gatehouse.toml")) { error in
            guard let loadError = error as? ConfigLoadError else { return XCTFail("unexpected \(error)") }
            XCTAssertEqual(loadError.diagnostics.count, 8)
            XCTAssertEqual(loadError.diagnostics[0].line, 2)
            XCTAssertEqual(loadError.diagnostics[0].key, "server.workers")
            XCTAssertEqual(loadError.description.split(separator: "\n").count, 8)
        }
    }
}
