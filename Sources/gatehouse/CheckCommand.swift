import ArgumentParser
import Foundation
import GatehouseConfig

/// `gatehouse check -c FILE`: validates a config file, printing `FILE:LINE: key: problem` for every error.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate a config file; print FILE:LINE: key: problem for each error.")

    @Option(name: [.short, .customLong("config")], help: "The config file to check.")
    var config: String = "gatehouse.toml"

    func run() throws {
        let problems = GatehouseConfiguration.check(path: config)
        if problems.isEmpty {
            print("\(config): ok")
            return
        }
        for p in problems {
            FileHandle.standardError.write(Data("\(p)\n".utf8))
        }
        throw ExitCode.failure
    }
}
