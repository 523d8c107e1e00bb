import XCTest
@testable import GatehouseConfig

final class ValueTypesTests: XCTestCase {
    private func message<T>(_ body: () throws -> T) -> String? {
        do {
            _ = try body()
            return nil
        } catch let error as ConfigValueError {
            return error.message
        } catch {
            return "unexpected \(error)"
        }
    }

    func testByteSizeParsing() throws {
        XCTAssertEqual(try ByteSize(parsing: "4096").bytes, 4096)
        XCTAssertEqual(try ByteSize(parsing: "512B").bytes, 512)
        XCTAssertEqual(try ByteSize(parsing: "64KiB").bytes, 65536)
        XCTAssertEqual(try ByteSize(parsing: "64 kib").bytes, 65536)
        XCTAssertEqual(try ByteSize(parsing: "10MiB").bytes, 10 * 1024 * 1024)
        XCTAssertEqual(try ByteSize(parsing: "1.5MiB").bytes, 1536 * 1024)
        XCTAssertEqual(try ByteSize(parsing: "1GiB").bytes, 1 << 30)
        XCTAssertEqual(try ByteSize(parsing: "2TiB").bytes, 2 << 40)
        XCTAssertEqual(try ByteSize(parsing: "1_000").bytes, 1000)
    }

    func testByteSizeRefusals() {
        XCTAssertEqual(message { try ByteSize(parsing: "512KB") },
                       "\"512KB\": use binary units (B, KiB, MiB, GiB, TiB); did you mean \"KiB\"?")
        XCTAssertNotNil(message { try ByteSize(parsing: "10M") }?.range(of: "MiB"))
        XCTAssertNotNil(message { try ByteSize(parsing: "-1KiB") }?.range(of: "negative"))
        XCTAssertNotNil(message { try ByteSize(parsing: "lots") }?.range(of: "expected a size"))
        XCTAssertNotNil(message { try ByteSize(parsing: "3 parsecs") }?.range(of: "unknown unit"))
        XCTAssertNotNil(message { try ByteSize(parsing: "1.5B") }?.range(of: "whole number"))
        XCTAssertNotNil(message { try ByteSize(parsing: "99999999999TiB") }?.range(of: "not a valid size"))
    }

    func testByteSizeDescriptionRoundTrips() throws {
        for bytes in [0, 1, 1000, 1024, 8192, 1536 * 1024, 128 << 20, 3 << 30] {
            let size = ByteSize(bytes: bytes)
            XCTAssertEqual(try ByteSize(parsing: size.description), size, size.description)
        }
        XCTAssertEqual(ByteSize.kibibytes(16).description, "16KiB")
        XCTAssertEqual(ByteSize(bytes: 1000).description, "1000B")
    }

    func testDurationParsing() throws {
        XCTAssertEqual(try ConfigDuration(parsing: "250ms"), .milliseconds(250))
        XCTAssertEqual(try ConfigDuration(parsing: "10s"), .seconds(10))
        XCTAssertEqual(try ConfigDuration(parsing: "5m"), .minutes(5))
        XCTAssertEqual(try ConfigDuration(parsing: "24h"), .hours(24))
        XCTAssertEqual(try ConfigDuration(parsing: "14d"), .days(14))
        XCTAssertEqual(try ConfigDuration(parsing: "1h30m"), .minutes(90))
        XCTAssertEqual(try ConfigDuration(parsing: "1.5s"), .milliseconds(1500))
        XCTAssertEqual(try ConfigDuration(parsing: "0.1s").nanoseconds, 100_000_000)
        XCTAssertEqual(try ConfigDuration(parsing: "750us").nanoseconds, 750_000)
        XCTAssertEqual(try ConfigDuration(parsing: "0"), .zero)
        XCTAssertEqual(ConfigDuration.seconds(2).duration, .seconds(2))
        XCTAssertEqual(ConfigDuration.milliseconds(1500).seconds, 1.5)
    }

    func testDurationRefusals() {
        XCTAssertNotNil(message { try ConfigDuration(parsing: "10") }?.range(of: "a unit is missing"))
        XCTAssertNotNil(message { try ConfigDuration(parsing: "10 sec") }?.range(of: "unknown unit"))
        XCTAssertNotNil(message { try ConfigDuration(parsing: "-5s") }?.range(of: "negative"))
        XCTAssertNotNil(message { try ConfigDuration(parsing: "soon") }?.range(of: "expected a duration"))
        XCTAssertNotNil(message { try ConfigDuration(parsing: "") }?.range(of: "expected a duration"))
        XCTAssertNotNil(message { try ConfigDuration(parsing: "999999999d") }?.range(of: "too long"))
    }

    func testDurationDescriptionRoundTrips() throws {
        for d in [ConfigDuration.zero, .milliseconds(250), .seconds(90), .hours(12), .days(14),
                  ConfigDuration(nanoseconds: 1_500_000_001)] {
            XCTAssertEqual(try ConfigDuration(parsing: d.description), d, d.description)
        }
        XCTAssertEqual(ConfigDuration.seconds(90).description, "1m30s")
        XCTAssertEqual(ConfigDuration.days(14).description, "14d")
    }

    func testListenAddresses() throws {
        let v4 = try ListenAddress(parsing: "127.0.0.1:8443")
        XCTAssertEqual(v4, ListenAddress(host: "127.0.0.1", port: 8443))
        XCTAssertTrue(v4.isLoopback)
        let v6 = try ListenAddress(parsing: "[::1]:8443")
        XCTAssertEqual(v6.host, "::1")
        XCTAssertEqual(v6.description, "[::1]:8443")
        XCTAssertTrue(v6.isLoopback)
        XCTAssertFalse(try ListenAddress(parsing: "0.0.0.0:443").isLoopback)
        XCTAssertFalse(try ListenAddress(parsing: "[::]:443").isLoopback)
        XCTAssertTrue(try ListenAddress(parsing: "localhost:9000").isLoopback)
        XCTAssertEqual(try ListenAddress(parsing: "example.com:80").host, "example.com")
        XCTAssertEqual(try ListenAddress(parsing: "127.0.0.1:0", allowPortZero: true).port, 0)
    }

    func testMalformedListenAddresses() {
        let cases: [(String, String)] = [
            ("127.0.0.1", "missing port"),
            ("::1:8443", "brackets"),
            ("[::1]8443", "missing \":PORT\""),
            ("[::1:8443", "missing ']'"),
            ("[1.2.3.4]:80", "not an IPv6 address"),
            (":8443", "missing host"),
            ("127.0.0.1:0", "out of range"),
            ("127.0.0.1:70000", "port 70000 is out of range (1-65535)"),
            ("127.0.0.1:http", "the port must be a number"),
            ("300.1.1.1:80", "not a valid IPv4 address"),
            ("bad_host!:80", "not a valid host name"),
        ]
        for (text, fragment) in cases {
            let problem = message { try ListenAddress(parsing: text) }
            XCTAssertNotNil(problem?.range(of: fragment), "\(text): \(problem ?? "accepted")")
        }
    }

    func testUpstreamAddresses() throws {
        XCTAssertEqual(try UpstreamAddress(parsing: "unix:/run/app.sock"), .unix(path: "/run/app.sock"))
        XCTAssertEqual(try UpstreamAddress(parsing: "127.0.0.1:3031"),
                       .tcp(ListenAddress(host: "127.0.0.1", port: 3031)))
        XCTAssertNotNil(message { try UpstreamAddress(parsing: "unix:") }?.range(of: "missing the socket path"))
        let long = "unix:/" + String(repeating: "a", count: 120)
        XCTAssertNotNil(message { try UpstreamAddress(parsing: long) }?.range(of: "at most 107 bytes"))
        XCTAssertNotNil(message { try UpstreamAddress(parsing: "/run/app.sock") }?.range(of: "unix:/path"))
    }

    func testIPAddressesAndRanges() throws {
        XCTAssertEqual(IPAddress(parsing: "10.1.2.3")?.bytes, [10, 1, 2, 3])
        XCTAssertNil(IPAddress(parsing: "10.01.2.3"), "leading zeros are ambiguous (octal)")
        XCTAssertNil(IPAddress(parsing: "1.2.3"))
        XCTAssertEqual(IPAddress(parsing: "2001:db8::1")?.description, "2001:db8::1")
        XCTAssertEqual(IPAddress(parsing: "2001:0db8:0:0:1:0:0:1")?.description, "2001:db8::1:0:0:1")
        XCTAssertEqual(IPAddress(parsing: "::")?.bytes, [UInt8](repeating: 0, count: 16))
        XCTAssertEqual(IPAddress(parsing: "::ffff:10.0.0.1")?.unmappedIPv4?.description, "10.0.0.1")
        XCTAssertNil(IPAddress(parsing: "1::2::3"))
        XCTAssertNil(IPAddress(parsing: "fe80::1%eth0"))
        XCTAssertNil(IPAddress(parsing: "1:2:3:4:5:6:7:8:9"))

        let private10 = try NetworkRange(parsing: "10.0.0.0/8")
        XCTAssertTrue(private10.contains(IPAddress(parsing: "10.200.3.4")!))
        XCTAssertFalse(private10.contains(IPAddress(parsing: "11.0.0.1")!))
        XCTAssertTrue(private10.contains(IPAddress(parsing: "::ffff:10.9.9.9")!), "IPv4-mapped peers match")
        XCTAssertEqual(try NetworkRange(parsing: "192.168.1.77/24").description, "192.168.1.0/24")
        XCTAssertEqual(try NetworkRange(parsing: "::1").prefixLength, 128)
        XCTAssertTrue(try NetworkRange(parsing: "2001:db8::/32").contains(IPAddress(parsing: "2001:db8:ffff::1")!))
        XCTAssertNotNil(message { try NetworkRange(parsing: "10.0.0.0/33") }?.range(of: "0 to 32"))
        XCTAssertNotNil(message { try NetworkRange(parsing: "ten/8") }?.range(of: "not an IP network"))
    }

    func testStaticMountFlag() throws {
        let mount = try GatehouseConfiguration.StaticMount(parsing: "/static=assets-build")
        XCTAssertEqual(mount.prefix, "/static/")
        XCTAssertEqual(mount.directory, "assets-build")
        XCTAssertNotNil(message { try GatehouseConfiguration.StaticMount(parsing: "static=x") }?.range(of: "start with"))
        XCTAssertNotNil(message { try GatehouseConfiguration.StaticMount(parsing: "/x") }?.range(of: "PREFIX=DIR"))
    }

    func testCacheRuleMatching() {
        typealias Rule = GatehouseConfiguration.Cache.Rule
        let prefix = Rule(match: .prefix("/posts/"), ttl: .hours(24))
        XCTAssertTrue(prefix.matches(path: "/posts/1"))
        XCTAssertFalse(prefix.matches(path: "/post"))
        let single = Rule(match: .pattern("/tags/*/feed"), ttl: .minutes(5))
        XCTAssertTrue(single.matches(path: "/tags/swift/feed"))
        XCTAssertFalse(single.matches(path: "/tags/a/b/feed"), "* stays within one segment")
        XCTAssertFalse(single.matches(path: "/tags/swift/feed/x"))
        let double = Rule(match: .pattern("/**/x/*"), ttl: .minutes(5))
        XCTAssertTrue(double.matches(path: "/a/x/b/x/c"), "** backtracks across segments")
        XCTAssertFalse(double.matches(path: "/a/x/b/c"))
        XCTAssertTrue(Rule(match: .pattern("/*.css"), ttl: .zero).matches(path: "/site.css"))
    }
}
