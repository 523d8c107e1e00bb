import ArgumentParser

/// `gatehouse certs` — placeholder until its module lands.
struct CertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "certs", abstract: "Not implemented yet.")
    func run() async throws { throw ExitCode.failure }
}
