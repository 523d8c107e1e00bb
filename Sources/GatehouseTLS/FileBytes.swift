#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Blocking whole-file reads with errors that name the file (run off the event loop).
enum FileBytes {
    /// Reads all of `path`, refusing files over `limit` bytes.
    static func read(_ path: String, limit: Int = 1 << 20) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CertificateError(file: path, problem: "cannot open: \(errnoText())") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CertificateError(file: path, problem: "cannot read: \(errnoText())")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk.prefix(count))
            if bytes.count > limit { throw CertificateError(file: path, problem: "file is larger than \(limit) bytes") }
        }
        return bytes
    }

    static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
