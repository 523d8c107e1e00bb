#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore
import NIOPosix

/// An open spool file: a path and a file descriptor. All system calls run on a `NIOThreadPool`, never on an
/// event loop. The owner serialises operations (one at a time) and closes exactly once.
struct SpoolFile: Sendable {
    /// The file's path.
    let path: String
    /// The open descriptor (close it with `close`).
    let descriptor: CInt

    /// An I/O failure: the failing call, the path and errno.
    typealias IOFailure = SystemCallError

    /// Creates a new, empty, private (0600, O_EXCL) file named `<directory>/<prefix><random hex>`.
    static func create(in directory: String, prefix: String, threadPool: NIOThreadPool,
                       eventLoop: EventLoop) -> EventLoopFuture<SpoolFile> {
        threadPool.runIfActive(eventLoop: eventLoop) {
            let base = directory.hasSuffix("/") ? directory : directory + "/"
            var generator = SystemRandomNumberGenerator()
            for _ in 0..<16 {
                let suffix = String(generator.next(upperBound: UInt64.max), radix: 16)
                let path = base + prefix + suffix
                let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
                if fd >= 0 { return SpoolFile(path: path, descriptor: fd) }
                if errno != EEXIST { throw IOFailure(call: "open", subject: path, errno: errno) }
            }
            throw IOFailure(call: "open", subject: base + prefix, errno: EEXIST)
        }
    }

    /// Opens an existing file for reading.
    static func open(path: String, threadPool: NIOThreadPool, eventLoop: EventLoop) -> EventLoopFuture<SpoolFile> {
        threadPool.runIfActive(eventLoop: eventLoop) {
            let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw IOFailure(call: "open", subject: path, errno: errno) }
            return SpoolFile(path: path, descriptor: fd)
        }
    }

    /// Appends all of `buffer` at the current file position.
    func write(_ buffer: ByteBuffer, threadPool: NIOThreadPool, eventLoop: EventLoop) -> EventLoopFuture<Void> {
        let fd = descriptor, path = self.path
        return threadPool.runIfActive(eventLoop: eventLoop) {
            try buffer.withUnsafeReadableBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw IOFailure(call: "write", subject: path, errno: errno)
                    }
                    offset += n
                }
            }
        }
    }

    /// Reads up to `length` bytes at `offset` (fewer only at end of file).
    func read(at offset: Int64, length: Int, allocator: ByteBufferAllocator, threadPool: NIOThreadPool,
              eventLoop: EventLoop) -> EventLoopFuture<ByteBuffer> {
        let fd = descriptor, path = self.path
        return threadPool.runIfActive(eventLoop: eventLoop) {
            var buffer = allocator.buffer(capacity: length)
            var total = 0
            while total < length {
                let n = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: length - total) { raw -> Int in
                    while true {
                        let r = pread(fd, raw.baseAddress!, length - total, off_t(offset) + off_t(total))
                        if r < 0 && errno == EINTR { continue }
                        if r < 0 { throw IOFailure(call: "pread", subject: path, errno: errno) }
                        return r
                    }
                }
                if n == 0 { break }
                total += n
            }
            return buffer
        }
    }

    /// Closes the descriptor and, when `delete`, unlinks the file. Errors are ignored (nothing useful to do).
    func close(delete: Bool, threadPool: NIOThreadPool, eventLoop: EventLoop) -> EventLoopFuture<Void> {
        let fd = descriptor, path = self.path
        return threadPool.runIfActive(eventLoop: eventLoop) {
            _ = Glibc.close(fd)
            if delete { _ = unlink(path) }
        }
    }

    /// Unlinks `path` off the event loop, ignoring errors.
    static func remove(path: String, threadPool: NIOThreadPool, eventLoop: EventLoop) -> EventLoopFuture<Void> {
        threadPool.runIfActive(eventLoop: eventLoop) { _ = unlink(path) }
    }
}
