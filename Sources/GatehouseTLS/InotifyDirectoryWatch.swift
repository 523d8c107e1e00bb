#if os(Linux)
import Glibc

/// An inotify descriptor watching the directories of a `CertificateWatchPlan` and telling which events matter.
/// Not thread-safe: used only on the certificate watcher's queue. The owner closes `descriptor` (`close()`).
final class InotifyDirectoryWatch {
    /// The non-blocking inotify descriptor (read it when readable).
    let descriptor: Int32
    /// Watch descriptor → entry names that matter in that directory (several planned paths may be one inode).
    private var relevantNames: [Int32: Set<String>] = [:]

    /// What each directory watch reports: entries created, deleted, renamed in or out, written and closed,
    /// modified (so in-place writers keep the debounce open), attributes, and the directory itself going away.
    static let mask: UInt32 = UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE | IN_MODIFY
        | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

    /// Opens an inotify descriptor.
    /// - Throws: `CertificateError` with the errno text when the kernel refuses (no inotify: polling only).
    init() throws {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw CertificateError(file: "inotify", problem: FileBytes.errnoText()) }
        descriptor = fd
    }

    /// Watches exactly the plan's directories (adding new ones, removing those no longer planned).
    /// Returns one line per directory that could not be watched (it may not exist yet; the poll covers it).
    func apply(_ plan: CertificateWatchPlan) -> [String] {
        var next: [Int32: Set<String>] = [:]
        var problems: [String] = []
        for (directory, names) in plan.directories.sorted(by: { $0.key < $1.key }) {
            let watch = inotify_add_watch(descriptor, directory, Self.mask)
            if watch < 0 {
                problems.append("\(directory): \(FileBytes.errnoText())")
                continue
            }
            next[watch, default: []].formUnion(names)
        }
        for watch in relevantNames.keys where next[watch] == nil {
            inotify_rm_watch(descriptor, watch)
        }
        relevantNames = next
        return problems
    }

    /// The number of directories (inodes) watched.
    var watchCount: Int { relevantNames.count }

    /// Reads every pending event; true when at least one concerns a watched certificate entry (or the kernel
    /// dropped events, or a watched directory went away).
    func drainRelevant() -> Bool {
        var relevant = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            let events = buffer.withUnsafeBytes { InotifyEvent.parse(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            for event in events where isRelevant(event) {
                relevant = true
            }
        }
        return relevant
    }

    func isRelevant(_ event: InotifyEvent) -> Bool {
        if event.watch < 0 || event.mask & UInt32(IN_Q_OVERFLOW) != 0 { return true }
        if event.mask & UInt32(IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
            if event.mask & UInt32(IN_IGNORED) != 0 { relevantNames[event.watch] = nil }
            return true
        }
        if event.name.isEmpty { return true }
        return relevantNames[event.watch]?.contains(event.name) ?? false
    }

    /// Closes the descriptor (every watch goes with it).
    func close() {
        _ = Glibc.close(descriptor)
    }
}
#endif
