#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// A non-blocking stream socket to a backend (Unix or TCP) used without a NIO channel: the system calls of one
/// uwsgi exchange, with errors that name the call, the address and errno. The owner (`UWSGIConnection`) closes it
/// exactly once.
struct UpstreamSocket {
    /// The descriptor (non-blocking, close-on-exec).
    let descriptor: CInt

    /// A failed system call, naming the backend.
    typealias Failure = SystemCallError

    /// How `connect` went.
    enum ConnectResult {
        case connected
        /// TCP: wait until the socket is writable, then read `pendingError()`.
        case inProgress
    }

    /// What one `receive` call found.
    enum ReceiveResult {
        case bytes(Int)
        case endOfFile
        case wouldBlock
    }

    /// Creates a socket and starts connecting it to `address`. A Unix socket whose listen queue is full fails
    /// with `EAGAIN` at once (as with nginx, the backend is then unavailable: try another).
    static func connect(to address: SocketAddress, name: String) throws -> (UpstreamSocket, ConnectResult) {
        let family = CInt(address.protocol.rawValue)
        let fd = socket(family, CInt(SOCK_STREAM.rawValue) | CInt(SOCK_NONBLOCK.rawValue) | CInt(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure(call: "socket", subject: name, errno: errno) }
        let socket = UpstreamSocket(descriptor: fd)
        while true {
            let status = address.withSockAddr { pointer, length in
                Glibc.connect(fd, pointer, socklen_t(length))
            }
            if status == 0 { return (socket, .connected) }
            switch errno {
            case EINTR: continue
            case EINPROGRESS: return (socket, .inProgress)
            default:
                let error = Failure(call: "connect", subject: name, errno: errno)
                socket.close()
                throw error
            }
        }
    }

    /// The outcome of an in-progress connect (0 when connected).
    func pendingError() -> CInt {
        var value: CInt = 0
        var length = socklen_t(MemoryLayout<CInt>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &value, &length) == 0 else { return errno }
        return value
    }

    /// Sends as much of `buffer` as the socket takes now (its reader index moves past what was sent); returns
    /// false when the socket is full (`EAGAIN`). Never raises SIGPIPE.
    func send(_ buffer: inout ByteBuffer, name: String) throws -> Bool {
        while buffer.readableBytes > 0 {
            let sent = buffer.withUnsafeReadableBytes { raw in
                Glibc.send(descriptor, raw.baseAddress, raw.count, CInt(MSG_NOSIGNAL))
            }
            if sent >= 0 {
                buffer.moveReaderIndex(forwardBy: sent)
                continue
            }
            switch errno {
            case EINTR: continue
            case EAGAIN: return false
            default: throw Failure(call: "send", subject: name, errno: errno)
            }
        }
        return true
    }

    /// Reads at most `maxBytes` into `buffer` (which grows to take them).
    func receive(into buffer: inout ByteBuffer, maxBytes: Int, name: String) throws -> ReceiveResult {
        while true {
            var result = 0
            var failure: CInt = 0
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: maxBytes) { raw in
                result = Glibc.recv(descriptor, raw.baseAddress, min(raw.count, maxBytes), 0)
                if result < 0 { failure = errno }
                return max(result, 0)
            }
            if result > 0 { return .bytes(result) }
            if result == 0 { return .endOfFile }
            switch failure {
            case EINTR: continue
            case EAGAIN: return .wouldBlock
            default: throw Failure(call: "recv", subject: name, errno: failure)
            }
        }
    }

    /// Closes the descriptor.
    func close() {
        _ = Glibc.close(descriptor)
    }
}
