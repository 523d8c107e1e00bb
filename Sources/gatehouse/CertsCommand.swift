import ArgumentParser
import GatehouseTLS

/// `gatehouse certs` — certificate tools; `certs dev` makes a local development CA and server certificate.
struct CertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certs",
        abstract: "Certificate tools.",
        subcommands: [Dev.self]
    )

    /// `gatehouse certs dev [--dir certs] [--force] [--names a,b] [--out NAME] [--key-type ecdsa|rsa]`.
    struct Dev: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dev",
            abstract: "Make a local development CA and a certificate for localhost, 127.0.0.1 and ::1.",
            discussion: """
                Writes DIR/ca.pem, DIR/ca-key.pem, DIR/NAME.pem (leaf only) and DIR/NAME-key.pem; keys get mode 0600. \
                An existing CA is reused; an existing certificate is kept while valid unless --force is given.
                """
        )

        @Option(name: .long, help: "Directory for the files.")
        var dir = "certs"

        @Flag(name: .long, help: "Replace the certificate even if the existing one is still valid.")
        var force = false

        @Option(name: .long, help: "Comma-separated names (host names, *.wildcards, IP addresses).")
        var names = DevCertificateAuthority.defaultNames.joined(separator: ",")

        @Option(name: .long, help: "Base name of the certificate files (NAME.pem, NAME-key.pem).")
        var out = "localhost"

        @Option(name: .long, help: "Key type of the certificate: ecdsa (P-256) or rsa (2048).")
        var keyType = "ecdsa"

        func run() async throws {
            guard let type = KeyType(rawValue: keyType.lowercased()), type != .ed25519 else {
                throw ValidationError("--key-type must be ecdsa or rsa")
            }
            let list = names.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
            let authority = DevCertificateAuthority(directory: dir, names: list, fileName: out, keyType: type, force: force)
            let result: DevCertificateAuthority.Outcome
            do {
                result = try authority.run()
            } catch {
                print("gatehouse: \(error)")
                throw ExitCode.failure
            }
            print("CA certificate: \(result.caCertificateFile) (\(result.reusedCA ? "existing, reused" : "new"))")
            print("CA key:         \(result.caKeyFile) (mode 0600)")
            print("Certificate:    \(result.certificateFile) (\(result.keptCertificate ? "existing, still valid" : "new"), \(result.keyType == .rsa ? "RSA 2048" : "ECDSA P-256"), serial \(result.serialNumberHex))")
            print("                names: \(result.names.joined(separator: ", "))")
            print("Key:            \(result.keyFile) (mode 0600; never commit keys)")
            print("")
            print("Trust the CA to use it:")
            for line in DevCertificateAuthority.trustInstructions(caCertificateFile: result.caCertificateFile) {
                print("  " + line)
            }
        }
    }
}

private extension String {
    func trimmingWhitespace() -> String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}
