#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// Small POSIX file helpers for building the index (blocking; never called on an event loop).
enum PosixFile {
    /// The parts of `struct stat` the index uses.
    struct Info {
        var signature: FileSignature
        var isRegular: Bool
        var isDirectory: Bool
        var size: Int64 { signature.size }
    }

    /// An `errno` value as an error.
    struct Errno: Error, CustomStringConvertible {
        var code: Int32
        var description: String { PosixFile.errorText(code) }
    }

    /// `errno` as text.
    static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// `stat(2)` (symlinks followed) or `lstat(2)`; the failure is the errno.
    static func stat(_ path: String, followLinks: Bool = true) -> Result<Info, Errno> {
        var st = SystemStat()
        let rc = followLinks ? systemStat(path, &st) : systemLstat(path, &st)
        guard rc == 0 else { return .failure(Errno(code: errno)) }
        #if canImport(Darwin)
        let mtime = st.st_mtimespec
        #else
        let mtime = st.st_mtim
        #endif
        let kind = st.st_mode & S_IFMT
        let sig = FileSignature(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size),
                                mtimeSeconds: Int64(mtime.tv_sec), mtimeNanoseconds: Int64(mtime.tv_nsec))
        return .success(Info(signature: sig, isRegular: kind == S_IFREG, isDirectory: kind == S_IFDIR))
    }

    /// `realpath(3)`: the absolute path with symlinks resolved, or nil.
    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// Why reading a file failed.
    enum ReadError: Error {
        case system(String)
        case sizeChanged(expected: Int, actual: Int)
    }

    /// Reads the whole file at `path`, which must hold exactly `expectedSize` bytes (nil: whatever fstat says),
    /// into a new buffer of exactly that capacity.
    static func readAll(_ path: String, expectedSize: Int? = nil) throws -> ByteBuffer {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ReadError.system(errorText(errno)) }
        defer { close(fd) }
        var st = SystemStat()
        guard fstat(fd, &st) == 0 else { throw ReadError.system(errorText(errno)) }
        let size = Int(st.st_size)
        if let expectedSize, size != expectedSize { throw ReadError.sizeChanged(expected: expectedSize, actual: size) }
        var buffer = ByteBufferAllocator().buffer(capacity: size)
        var failure: Int32 = 0
        let got = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { raw -> Int in
            var done = 0
            while done < size {
                let n = Glibc_read(fd, raw.baseAddress! + done, size - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if n == 0 { break }
                done += n
            }
            return done
        }
        if failure != 0 { throw ReadError.system(errorText(failure)) }
        guard got == size else { throw ReadError.sizeChanged(expected: size, actual: got) }
        return buffer
    }
}

#if canImport(Glibc)
typealias SystemStat = Glibc.stat
@inline(__always) private func systemStat(_ p: String, _ st: inout SystemStat) -> Int32 { stat(p, &st) }
@inline(__always) private func systemLstat(_ p: String, _ st: inout SystemStat) -> Int32 { lstat(p, &st) }
@inline(__always) private func Glibc_read(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ n: Int) -> Int { Glibc.read(fd, p, n) }
#elseif canImport(Darwin)
typealias SystemStat = Darwin.stat
@inline(__always) private func systemStat(_ p: String, _ st: inout SystemStat) -> Int32 { stat(p, &st) }
@inline(__always) private func systemLstat(_ p: String, _ st: inout SystemStat) -> Int32 { lstat(p, &st) }
@inline(__always) private func Glibc_read(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ n: Int) -> Int { Darwin.read(fd, p, n) }
#endif
