import Foundation
import XCTest

/// A real uWSGI running the example app (`Examples/app/uwsgi.ini`) on a Unix socket in its own run dir.
/// Started with Debian's `uwsgi` + python3 plugin; stopped by PID (SIGTERM, then SIGKILL after 5 s).
final class UWSGIProcess {
    /// uWSGI could not be used (the test has already recorded a failure saying why).
    struct Unavailable: Error { var reason: String }

    let runDirectory: String
    let process = Process()
    var socketPath: String { runDirectory + "/app.sock" }
    var logPath: String { runDirectory + "/uwsgi.log" }

    /// The example app's uwsgi.ini, found from this file's path.
    static var iniPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/app/uwsgi.ini").path
    }

    /// The uwsgi executable, or nil when it is not installed.
    static var executable: String? {
        ["/usr/bin/uwsgi", "/usr/local/bin/uwsgi"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts uWSGI and waits (up to 15 s) for its socket to accept connections.
    init(runDirectory: String, name: String, processes: Int = 1, threads: Int = 1, bufferSize: Int = 4096,
         file: StaticString = #filePath, line: UInt = #line) throws {
        guard let executable = Self.executable else {
            XCTFail("uwsgi is not installed: apt-get install -y uwsgi uwsgi-plugin-python3 (the project's scripts do this)",
                    file: file, line: line)
            throw Unavailable(reason: "uwsgi is not installed")
        }
        self.runDirectory = runDirectory
        try FileManager.default.createDirectory(atPath: runDirectory, withIntermediateDirectories: true)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--set-ph", "run_dir=\(runDirectory)", "--ini", Self.iniPath,
                             "--processes", String(processes), "--threads", String(threads),
                             "--buffer-size", String(bufferSize), "--logto", logPath]
        var environment = ProcessInfo.processInfo.environment
        environment["GATEHOUSE_BACKEND_NAME"] = name
        environment["GATEHOUSE_APP_STATE_DIR"] = runDirectory
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: socketPath), canConnect() { return }
            if !process.isRunning { break }
            usleep(50_000)
        }
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "(no log)"
        stop()
        XCTFail("uWSGI did not start on \(socketPath); log:\n\(log.suffix(2000))", file: file, line: line)
        throw Unavailable(reason: "uWSGI did not start")
    }

    /// True when a Unix-socket connect succeeds.
    private func canConnect() -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(socketPath.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in bytes.enumerated() where i < raw.count - 1 { raw[i] = b }
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0
            }
        }
    }

    /// Stops uWSGI by PID and waits for it to exit.
    func stop() {
        guard process.isRunning else { return }
        let pid = process.processIdentifier
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }
}
