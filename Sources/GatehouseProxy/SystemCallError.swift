#if canImport(Glibc)
import Glibc
#endif

/// A failed system call of the proxy's own I/O (spool files, upstream sockets, the poller): the call, what it was
/// about (a path or a backend; empty when nothing), and errno — "open(/var/spool/x): Permission denied".
struct SystemCallError: Error, CustomStringConvertible {
    var call: String
    var subject: String = ""
    var errno: CInt

    var description: String {
        let message = String(cString: strerror(errno))
        return subject.isEmpty ? "\(call): \(message)" : "\(call)(\(subject)): \(message)"
    }
}
