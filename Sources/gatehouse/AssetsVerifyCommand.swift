import ArgumentParser
import Foundation
import GatehouseAssets

/// `gatehouse assets verify [OUT]`: runs `AssetVerifier`; exits non-zero naming each mismatch.
struct AssetsVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every file of a build against its manifest and decompress every variant."
    )

    @Argument(help: "Build directory.") var output: String = "assets-build"
    @Flag(name: .shortAndLong, help: "Print only problems.") var quiet = false

    func run() throws {
        let report: AssetVerifier.Report
        do {
            report = try AssetVerifier(buildDirectory: output).verify()
        } catch let error as AssetPipelineError {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode.failure
        }
        for problem in report.problems {
            FileHandle.standardError.write(Data("MISMATCH \(problem)\n".utf8))
        }
        if report.ok {
            if !quiet { print("ok: \(report.entries) paths, \(report.files) files match the manifest") }
        } else {
            FileHandle.standardError.write(Data("verify failed: \(report.problems.count) problem(s) in \(output)\n".utf8))
            throw ExitCode.failure
        }
    }
}
