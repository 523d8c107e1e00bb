import ArgumentParser

/// The `gatehouse` command: only lists its subcommands; each lives in its own file, real work in the libraries.
@main
struct Gatehouse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gatehouse",
        abstract: "A TLS-terminating edge gateway for uWSGI applications.",
        subcommands: [ServeCommand.self, CheckCommand.self, AssetsCommand.self, CertsCommand.self]
    )
}
