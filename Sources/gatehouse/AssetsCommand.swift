import ArgumentParser

/// `gatehouse assets` — placeholder until its module lands.
struct AssetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "assets", abstract: "Not implemented yet.")
    func run() async throws { throw ExitCode.failure }
}
