#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Names for files being written: hidden, beside their final path (so `rename` is atomic on one file system), and
/// recognisable, so a crashed build's leftovers can be removed by the next one.
enum TemporaryName {
    /// The marker every temporary name contains.
    static let marker = ".gh-tmp-"
    private static let counter = Lock()
    nonisolated(unsafe) private static var next = 0

    /// A fresh temporary path next to `finalPath`.
    static func make(for finalPath: String) -> String {
        let n = counter.withLock { () -> Int in next += 1; return next }
        let dir = PathUtilities.directory(finalPath)
        let name = PathUtilities.lastComponent(finalPath)
        return PathUtilities.join(dir, "\(marker)\(getpid())-\(n)-\(name)")
    }

    /// True for names made by `make` (in any process).
    static func isTemporary(_ name: String) -> Bool { name.hasPrefix(marker) }
}
