import GatehouseConfig
import GatehouseTLS
import NIOCore

/// Builds the TLS side from the configuration: the policy, the certificate snapshot and the one long-lived
/// context, plus the per-connection installer the listeners use.
public enum TLSComposition {
    /// The TLS policy from `[tls]`.
    public static func configuration(_ c: GatehouseConfiguration.TLS) -> TLSConfiguration {
        var t = TLSConfiguration()
        t.minimumVersion = c.minVersion == .tls13 ? .tls13 : .tls12
        t.tls12Ciphers = c.ciphers
        t.tls13Ciphersuites = c.ciphersuites
        t.groups = c.groups.split(separator: ":").map(String.init)
        t.applicationProtocols = c.alpn
        t.handshakeTimeout = .nanoseconds(c.handshakeTimeout.nanoseconds)
        t.sessionTicketsEnabled = c.sessionTickets
        t.ticketKeyRotationInterval = .nanoseconds(c.ticketKeyRotation.nanoseconds)
        t.ticketKeysKept = c.ticketKeysKept
        t.sessionCacheSize = c.sessionCacheSize
        t.sessionTimeoutSeconds = Int(c.sessionTimeout.nanoseconds / 1_000_000_000)
        t.rejectUnknownServerNames = c.rejectUnknownNames
        return t
    }

    /// The certificate sources, the default pair first.
    public static func sources(_ c: GatehouseConfiguration.TLS) -> [CertificateSource] {
        var certificates = c.certificates
        if let i = certificates.firstIndex(where: \.isDefault), i > 0 {
            certificates.insert(certificates.remove(at: i), at: 0)
        }
        return certificates.map {
            CertificateSource(certificateFile: $0.certificateFile, keyFile: $0.keyFile, chainFile: $0.chainFile,
                              names: $0.names)
        }
    }

    /// Loads and validates every pair (blocking file I/O: call at start-up or off the event loop).
    public static func loadSnapshot(_ c: GatehouseConfiguration.TLS) throws -> CertificateSnapshot {
        try CertificateSnapshot.load(sources(c))
    }
}

/// Installs the OpenSSL handler on each new HTTPS connection.
public struct OpenSSLChannelInstaller: TLSChannelInstaller {
    public let context: TLSServerContext

    public init(context: TLSServerContext) { self.context = context }

    public func install(on channel: Channel) throws -> ServerNameSource {
        try context.addHandler(to: channel)
    }
}

extension TLSHandler: ServerNameSource {}
