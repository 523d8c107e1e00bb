#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reports a build on standard error: a redrawn progress bar on a terminal, one line per file otherwise, or
/// nothing. Thread-safe; the bar is redrawn at most every 100 ms.
public final class ConsoleBuildReporter: AssetBuildReporter, @unchecked Sendable {
    /// How progress is shown.
    public enum Style: Sendable, Equatable {
        /// A progress bar redrawn in place (for terminals).
        case bar
        /// One plain line per finished file (for logs and pipes).
        case lines
        /// Nothing but warnings.
        case warningsOnly
        /// Nothing at all.
        case silent
    }

    private let style: Style
    private let lock = Lock()
    private var lastDraw = 0.0
    private var drawn = false

    /// The style that suits standard error: a bar on a terminal, lines otherwise.
    public static var automaticStyle: Style { isatty(2) != 0 ? .bar : .lines }

    /// Creates a reporter.
    public init(style: Style) { self.style = style }

    public func started(files: Int, jobs: Int, bytes: Int64) {
        switch style {
        case .lines:
            emit("building \(files) files; compressing \(jobs) distinct contents (\(ByteCountFormatter.format(bytes)))\n")
        case .bar where jobs > 0:
            let zero = AssetBuildProgress(done: 0, total: jobs, bytesDone: 0, bytesTotal: bytes, elapsed: 0, path: "",
                                          fromCache: false, size: 0, brotliSize: nil, gzipSize: nil)
            lock.withLock {
                drawn = true
                lastDraw = System.monotonicSeconds()
                write("\r\u{1B}[2K" + ProgressFormatter.bar(zero, width: Self.terminalWidth()))
            }
        default:
            return
        }
    }

    public func progressed(_ progress: AssetBuildProgress) {
        switch style {
        case .bar:
            lock.withLock {
                let now = System.monotonicSeconds()
                guard progress.done == progress.total || now - lastDraw >= 0.1 else { return }
                lastDraw = now
                drawn = true
                write("\r\u{1B}[2K" + ProgressFormatter.bar(progress, width: Self.terminalWidth()))
                if progress.done == progress.total { write("\n"); drawn = false }
            }
        case .lines:
            emit(ProgressFormatter.line(progress) + "\n")
        case .warningsOnly, .silent:
            return
        }
    }

    public func warning(_ message: String) {
        guard style != .silent else { return }
        lock.withLock {
            if drawn { write("\r\u{1B}[2K") }
            write("warning: \(message)\n")
        }
    }

    private func emit(_ text: String) { lock.withLock { write(text) } }

    private func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { stderrWrite(2, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 { return }
            offset += n
        }
    }

    private static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}

#if canImport(Glibc)
private func stderrWrite(_ fd: Int32, _ buf: UnsafeRawPointer, _ count: Int) -> Int { Glibc.write(fd, buf, count) }
#elseif canImport(Darwin)
private func stderrWrite(_ fd: Int32, _ buf: UnsafeRawPointer, _ count: Int) -> Int { Darwin.write(fd, buf, count) }
#endif
