import GatehouseTLS
import XCTest

final class TLSConfigurationTests: XCTestCase {
    func testDefaultsAreValidAndBuildAContext() throws {
        let config = TLSConfiguration()
        XCTAssertEqual(config.validate(), [])
        XCTAssertEqual(config.minimumVersion, .tls12)
        XCTAssertEqual(config.groups, ["X25519", "P-256"])
        XCTAssertEqual(config.applicationProtocols, ["http/1.1"])
        XCTAssertNoThrow(try TLSServerContext(configuration: config, certificates: CertificateStore()))
    }

    func testValidationNamesEachProblem() {
        var config = TLSConfiguration()
        config.minimumVersion = .tls13
        config.maximumVersion = .tls12
        config.applicationProtocols = []
        config.ticketKeysKept = 0
        config.handshakeTimeout = .zero
        XCTAssertEqual(config.validate(), [
            "minimum TLS version is above the maximum", "ALPN protocol list is empty",
            "handshake timeout must be positive", "ticket keys kept must be at least 1",
        ])
    }

    func testOpenSSLRefusalsBecomeConfigurationErrors() {
        var config = TLSConfiguration()
        config.tls12Ciphers = "NOT-A-CIPHER"
        XCTAssertThrowsError(try TLSServerContext(configuration: config, certificates: CertificateStore())) { error in
            XCTAssertTrue("\(error)".hasPrefix("TLS configuration: TLS 1.2 cipher list 'NOT-A-CIPHER'"), "\(error)")
        }
        config = TLSConfiguration()
        config.groups = ["X25519", "nonsense"]
        XCTAssertThrowsError(try TLSServerContext(configuration: config, certificates: CertificateStore()))
    }

    func testVersionParsing() {
        XCTAssertEqual(TLSVersion(parsing: "1.2"), .tls12)
        XCTAssertEqual(TLSVersion(parsing: "TLSv1.3"), .tls13)
        XCTAssertNil(TLSVersion(parsing: "1.1"))
    }
}
