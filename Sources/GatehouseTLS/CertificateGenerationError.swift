/// Making a key or certificate failed (OpenSSL refused a step).
public struct CertificateGenerationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The step that failed, e.g. `signing the certificate`.
    public let step: String
    /// OpenSSL's error queue at the time.
    public let openSSLErrors: [OpenSSLErrorEntry]

    /// Creates an error for `step`, draining OpenSSL's error queue.
    init(step: String) {
        self.step = step
        self.openSSLErrors = OpenSSLErrorQueue.drain()
    }

    /// `certificate generation failed at STEP: openssl messages`.
    public var description: String {
        let details = openSSLErrors.map(\.description).joined(separator: "; ")
        return "certificate generation failed at \(step)" + (details.isEmpty ? "" : ": \(details)")
    }
}
