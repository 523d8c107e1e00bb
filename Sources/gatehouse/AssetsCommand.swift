import ArgumentParser

/// `gatehouse assets` — the build-time asset pipeline: build, verify, inspect.
struct AssetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assets",
        abstract: "Fingerprint, compress and verify static assets ahead of time.",
        subcommands: [AssetsBuildCommand.self, AssetsVerifyCommand.self, AssetsInspectCommand.self]
    )
}
