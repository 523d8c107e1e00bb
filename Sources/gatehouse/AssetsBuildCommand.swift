import ArgumentParser
import Foundation
import GatehouseAssets
import GatehouseConfig

/// `gatehouse assets build [SRC] [OUT]`: runs `AssetPipeline`; all work is in GatehouseAssets.
struct AssetsBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build SRC into OUT: fingerprinted names, .br and .gz variants, and gatehouse-manifest.json."
    )

    @Argument(help: "Source directory (default: assets.src of the config, else Examples/site).") var source: String?
    @Argument(help: "Output directory (default: assets.out of the config, else assets-build).") var output: String?
    @Flag(help: "Fail on references to missing files instead of warning.") var strict = false
    @Flag(name: .shortAndLong, help: "Print nothing but errors.") var quiet = false
    @Flag(help: "Print a JSON summary on standard output (progress is not shown).") var json = false
    @Option(name: [.short, .customLong("config")], help: "Config file whose [assets] section supplies the defaults.")
    var config: String?
    @Flag(help: "Include files and directories whose name starts with a dot.") var includeDotfiles = false
    @Option(help: "Do not compress files smaller than this many bytes (default 256).") var minSize: Int?
    @Option(name: [.short, .customLong("jobs")], help: "Worker threads (0 = one per core).") var jobs: Int = 0
    @Option(help: "Compression cache directory (default OUT/.gatehouse-cache).") var cacheDir: String?
    @Option(help: "Comma-separated extensions that get fingerprinted names (default: css, js, mjs, map, svg, fonts, images).")
    var fingerprintExtensions: String?
    @Flag(help: "Do not fsync new files before renaming them (faster, not crash-safe).") var noFsync = false

    func run() throws {
        // The config file (if given) supplies defaults; flags and arguments win.
        var settings = GatehouseConfiguration.Assets()
        if let config {
            do {
                settings = try GatehouseConfiguration.load(path: config).assets
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                throw ExitCode.failure
            }
        }
        let extensions = fingerprintExtensions.map {
            Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })
        } ?? (config == nil ? AssetPipelineConfiguration.defaultFingerprintExtensions : Set(settings.fingerprintExtensions))
        let configuration = AssetPipelineConfiguration(
            source: source ?? settings.source, output: output ?? settings.output,
            fingerprintExtensions: extensions,
            minimumCompressSize: minSize ?? settings.minCompressSize.bytes,
            includeDotfiles: includeDotfiles || settings.includeDotfiles, strict: strict || settings.strict,
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
