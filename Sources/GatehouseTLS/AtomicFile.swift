#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file atomically: a temporary file in the same directory with the final mode, fsync, rename over the
/// target, fsync of the directory. Readers (and file watchers) see the old content or the new, never half.
public enum AtomicFile {
    /// Writes `bytes` to `path` with permission bits `mode` (e.g. 0o600 for keys).
    /// - Throws: `CertificateError` naming the file.
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t) throws {
        let temporary = "\(path).tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw CertificateError(file: path, problem: "cannot create: \(FileBytes.errnoText())") }
        var ok = fchmod(fd, mode) == 0
        var offset = 0
        while ok && offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            ok = count > 0
            offset += max(0, count)
        }
        ok = ok && fsync(fd) == 0
        let problem = ok ? nil : FileBytes.errnoText()
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            let text = problem ?? FileBytes.errnoText()
            unlink(temporary)
            throw CertificateError(file: path, problem: "cannot write: \(text)")
        }
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let dirFD = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirFD >= 0 {
            fsync(dirFD)
            close(dirFD)
        }
    }
}
