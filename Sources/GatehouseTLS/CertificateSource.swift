/// Where one certificate pair comes from and which names it must serve.
public struct CertificateSource: Sendable, Hashable {
    /// PEM file with the leaf certificate first, optionally followed by its chain (a "fullchain" file).
    public var certificateFile: String
    /// PEM file with the private key (may be the same file as the certificate).
    public var keyFile: String
    /// Optional separate PEM file with intermediate certificates, appended after any in `certificateFile`.
    public var chainFile: String?
    /// Names this pair must serve (host names, `*.` wildcards, IP addresses). Empty: the certificate's own
    /// SAN names are used.
    public var names: [String]

    /// Describes a pair of files and the names it serves.
    public init(certificateFile: String, keyFile: String, chainFile: String? = nil, names: [String] = []) {
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.chainFile = chainFile
        self.names = names
    }
}
