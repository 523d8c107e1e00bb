import ArgumentParser

/// `gatehouse check` — placeholder until its module lands.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Not implemented yet.")
    func run() async throws { throw ExitCode.failure }
}
