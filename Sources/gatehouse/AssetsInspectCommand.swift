import ArgumentParser
import Foundation
import GatehouseAssets
import GatehouseManifest

/// `gatehouse assets inspect PATH`: prints one manifest entry (`AssetInspector`).
struct AssetsInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print the manifest entry of one URL path."
    )

    @Argument(help: "URL path inside the build, e.g. css/site.css.") var path: String
    @Option(name: [.short, .customLong("out")], help: "Build directory.") var output: String = "assets-build"
    @Flag(help: "Print the entry as JSON.") var json = false

    func run() throws {
        do {
            let manifest = try ManifestCodec.load(buildDirectory: output)
            if json {
                let found = try AssetInspector.lookup(path, in: manifest)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode([found.path: found.entry]), as: UTF8.self))
            } else {
                print(try AssetInspector.describe(path, in: manifest))
            }
        } catch let error as AssetPipelineError {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode.failure
        }
    }
}
