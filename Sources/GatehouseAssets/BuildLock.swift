#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on `OUT/.gatehouse.lock`, so two builds never interleave their renames in one OUT.
/// Released when the process exits, even if it crashes.
final class BuildLock {
    static let fileName = ".gatehouse.lock"
    private let fd: Int32

    /// Takes the lock or fails at once naming the directory.
    init(directory: String) throws {
        let path = directory + "/" + Self.fileName
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileSystem.error("open", path) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw AssetPipelineError(.locked, "\(directory): another build is running (\(path) is locked)")
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
