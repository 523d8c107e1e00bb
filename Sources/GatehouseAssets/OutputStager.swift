/// Writes a build's files next to their final paths under temporary names, then renames them all into place
/// (`commit`) — or removes every trace (`abort`). Files that already hold the right bytes are left alone, so an
/// unchanged rebuild writes nothing and keeps inodes and mtimes.
final class OutputStager: @unchecked Sendable {
    /// Absolute OUT.
    let root: String
    /// fsync each new file before it can be renamed.
    let sync: Bool

    private let lock = Lock()
    private var staged: [(temp: String, final: String)] = []
    private var createdDirectories: [String] = []
    private(set) var written = 0
    private(set) var unchanged = 0

    init(root: String, sync: Bool) {
        self.root = root
        self.sync = sync
    }

    /// Creates the directories the given relative paths need (before parallel staging).
    func prepareDirectories(for paths: [String]) throws {
        for dir in Set(paths.map(PathUtilities.directory)).sorted() {
            let created = try FileSystem.makeDirectories(dir.isEmpty ? root : root + "/" + dir)
            createdDirectories.append(contentsOf: created)
        }
    }

    /// Stages `bytes` for the relative `path`; thread-safe.
    func stage(path: String, bytes: [UInt8], mtime: Int64) throws {
        let final = root + "/" + path
        if let status = try FileSystem.status(final, followLinks: false), case .regular = status.kind,
           status.size == Int64(bytes.count), (try? FileSystem.read(final)) == bytes {
            lock.withLock { unchanged += 1 }
            return
        }
        let temp = TemporaryName.make(for: final)
        try FileSystem.writeNew(temp, bytes, sync: sync)
        lock.withLock { staged.append((temp, final)) }
        try FileSystem.setModificationTime(temp, mtime)
    }

    /// Renames every staged file into place, in path order.
    func commit() throws {
        let all = lock.withLock { staged.sorted { $0.final < $1.final } }
        for (index, item) in all.enumerated() {
            do {
                try FileSystem.rename(item.temp, item.final)
            } catch {
                for rest in all[(index + 1)...] { try? FileSystem.remove(rest.temp) }
                lock.withLock { staged = [] }
                throw error
            }
        }
        lock.withLock {
            written = staged.count
            staged = []
        }
        for dir in Set(all.map { PathUtilities.directory($0.final) }) { FileSystem.syncDirectory(dir) }
    }

    /// Removes every staged file and every directory this stager created (if empty).
    func abort() {
        let all = lock.withLock { () -> [(temp: String, final: String)] in let s = staged; staged = []; return s }
        for item in all { try? FileSystem.remove(item.temp) }
        for dir in createdDirectories.reversed() { FileSystem.removeDirectoryIfEmpty(dir) }
    }
}
