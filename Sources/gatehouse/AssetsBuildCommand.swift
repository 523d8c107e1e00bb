import ArgumentParser
import Foundation
import GatehouseAssets

/// `gatehouse assets build [SRC] [OUT]`: runs `AssetPipeline`; all work is in GatehouseAssets.
struct AssetsBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build SRC into OUT: fingerprinted names, .br and .gz variants, and gatehouse-manifest.json."
    )

    @Argument(help: "Source directory.") var source: String = "Examples/site"
    @Argument(help: "Output directory.") var output: String = "assets-build"
    @Flag(help: "Fail on references to missing files instead of warning.") var strict = false
    @Flag(name: .shortAndLong, help: "Print nothing but errors.") var quiet = false
    @Flag(help: "Print a JSON summary on standard output (progress is not shown).") var json = false
    @Option(name: [.short, .customLong("config")], help: "Configuration file (not wired yet).") var config: String?
    @Flag(help: "Include files and directories whose name starts with a dot.") var includeDotfiles = false
    @Option(help: "Do not compress files smaller than this many bytes.") var minSize: Int = 256
    @Option(name: [.short, .customLong("jobs")], help: "Worker threads (0 = one per core).") var jobs: Int = 0
    @Option(help: "Compression cache directory (default OUT/.gatehouse-cache).") var cacheDir: String?
    @Option(help: "Comma-separated extensions that get fingerprinted names.")
    var fingerprintExtensions: String = AssetPipelineConfiguration.defaultFingerprintExtensions.sorted().joined(separator: ",")
    @Flag(help: "Do not fsync new files before renaming them (faster, not crash-safe).") var noFsync = false

    func run() throws {
        if let config {
            throw ValidationError("--config \(config): reading assets settings from a config file is not wired yet; pass SRC and OUT")
        }
        let configuration = AssetPipelineConfiguration(
            source: source, output: output,
            fingerprintExtensions: Set(fingerprintExtensions.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }),
            minimumCompressSize: minSize, includeDotfiles: includeDotfiles, strict: strict,
            cacheDirectory: cacheDir, parallelism: jobs, syncWrites: !noFsync)
        let style: ConsoleBuildReporter.Style = quiet ? .silent : (json ? .warningsOnly : ConsoleBuildReporter.automaticStyle)
        do {
            let summary = try AssetPipeline(configuration: configuration).build(reporter: ConsoleBuildReporter(style: style))
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(summary), as: UTF8.self))
            } else if !quiet {
                print(summary.line)
            }
        } catch let error as AssetPipelineError {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode.failure
        }
    }
}
