#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX file operations the pipeline needs, with errors that name the path and the system's reason.
/// Blocking calls: the pipeline is a build tool and never runs on an event loop.
enum FileSystem {
    /// What `lstat`/`stat` said about a path.
    struct Status {
        enum Kind { case regular, directory, symlink, other(String) }
        var kind: Kind
        var mtime: Int64
        var size: Int64
        var device: UInt64
        var inode: UInt64
    }

    static func error(_ operation: String, _ path: String, _ code: Int32 = errno) -> AssetPipelineError {
        AssetPipelineError(.io, "\(path): \(operation) failed: \(String(cString: strerror(code)))")
    }

    /// `lstat` (or `stat` when `followLinks`); nil if the path does not exist.
    static func status(_ path: String, followLinks: Bool) throws -> Status? {
        var st = stat()
        let rc = followLinks ? stat(path, &st) : lstat(path, &st)
        if rc != 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw error(followLinks ? "stat" : "lstat", path)
        }
        let kind: Status.Kind
        switch st.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symlink
        case S_IFIFO: kind = .other("a FIFO")
        case S_IFSOCK: kind = .other("a socket")
        case S_IFCHR, S_IFBLK: kind = .other("a device")
        default: kind = .other("of an unknown file type")
        }
        #if canImport(Darwin)
        let mtime = Int64(st.st_mtimespec.tv_sec)
        #else
        let mtime = Int64(st.st_mtim.tv_sec)
        #endif
        return Status(kind: kind, mtime: mtime, size: Int64(st.st_size), device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    }

    /// The canonical absolute path (symlinks resolved); nil if it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// An absolute, normalised path for `path` even if it does not exist yet: the deepest existing ancestor is
    /// resolved and the rest appended.
    static func absolutePath(_ path: String) -> String {
        var base = path.hasPrefix("/") ? "" : currentDirectory()
        var rest: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == ".." { if !rest.isEmpty { rest.removeLast() } else { base = PathUtilities.directory(base) } }
            else { rest.append(part) }
        }
        var existing = base.isEmpty ? "/" : base
        var tail: [Substring] = []
        for (index, part) in rest.enumerated() {
            let candidate = (existing == "/" ? "" : existing) + "/" + part
            if let real = realPath(candidate) { existing = real } else { tail = Array(rest[index...]); break }
        }
        if let real = realPath(existing) { existing = real }
        return tail.isEmpty ? existing : (existing == "/" ? "" : existing) + "/" + tail.joined(separator: "/")
    }

    static func currentDirectory() -> String {
        guard let cwd = getcwd(nil, 0) else { return "/" }
        defer { free(cwd) }
        return String(cString: cwd)
    }

    /// Names in a directory, sorted, without `.` and `..`.
    static func list(_ path: String) throws -> [String] {
        guard let dir = opendir(path) else { throw error("opendir", path) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Reads a whole regular file. Opens without blocking and checks the type on the open descriptor, so a FIFO
    /// or device swapped in after scanning is refused instead of hanging the build.
    static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw error("open", path) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw error("fstat", path) }
        guard st.st_mode & S_IFMT == S_IFREG else {
            throw AssetPipelineError(.notRegularFile, "\(path): not a regular file")
        }
        var out = [UInt8](repeating: 0, count: Int(st.st_size))
        var filled = 0
        while true {
            if filled == out.count { out.append(contentsOf: [UInt8](repeating: 0, count: max(4096, out.count / 2))) }
            let n = out.withUnsafeMutableBytes { raw in sysRead(fd, raw.baseAddress! + filled, raw.count - filled) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw error("read", path)
            }
            if n == 0 { break }
            filled += n
        }
        out.removeSubrange(filled...)
        return out
    }

    /// Creates `path` exclusively and writes `bytes`; `sync` flushes it to disk before closing.
    static func writeNew(_ path: String, _ bytes: [UInt8], sync: Bool) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw error("create", path) }
        var ok = false
        defer {
            close(fd)
            if !ok { unlink(path) }
        }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { raw in sysWrite(fd, raw.baseAddress! + written, raw.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw error("write", path)
            }
            written += n
        }
        if sync, fsync(fd) != 0 { throw error("fsync", path) }
        ok = true
    }

    /// Sets the modification (and access) time of a file.
    static func setModificationTime(_ path: String, _ seconds: Int64) throws {
        var times = [timespec(tv_sec: time_t(seconds), tv_nsec: 0), timespec(tv_sec: time_t(seconds), tv_nsec: 0)]
        guard utimensat(AT_FDCWD, path, &times, 0) == 0 else { throw error("utimensat", path) }
    }

    /// Creates a directory and its missing parents; returns the ones it created, outermost first.
    @discardableResult
    static func makeDirectories(_ path: String) throws -> [String] {
        var created: [String] = []
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) == 0 {
                created.append(current)
            } else if errno != EEXIST {
                throw error("mkdir", current)
            } else if let st = try status(current, followLinks: true), case .directory = st.kind {
                continue
            } else {
                throw AssetPipelineError(.io, "\(current): exists and is not a directory")
            }
        }
        return created
    }

    static func rename(_ from: String, _ to: String) throws {
        guard sysRename(from, to) == 0 else { throw error("rename to \(to)", from) }
    }

    /// Removes a file; a file that is already gone is fine.
    static func remove(_ path: String) throws {
        if unlink(path) != 0 && errno != ENOENT { throw error("unlink", path) }
    }

    /// Removes a directory if it is empty; returns whether it did.
    @discardableResult
    static func removeDirectoryIfEmpty(_ path: String) -> Bool { rmdir(path) == 0 }

    /// Flushes a directory's entries (after renames into it).
    static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}

#if canImport(Glibc)
private func sysRead(_ fd: Int32, _ buf: UnsafeMutableRawPointer, _ count: Int) -> Int { Glibc.read(fd, buf, count) }
private func sysWrite(_ fd: Int32, _ buf: UnsafeRawPointer, _ count: Int) -> Int { Glibc.write(fd, buf, count) }
private func sysRename(_ a: String, _ b: String) -> Int32 { Glibc.rename(a, b) }
#elseif canImport(Darwin)
private func sysRead(_ fd: Int32, _ buf: UnsafeMutableRawPointer, _ count: Int) -> Int { Darwin.read(fd, buf, count) }
private func sysWrite(_ fd: Int32, _ buf: UnsafeRawPointer, _ count: Int) -> Int { Darwin.write(fd, buf, count) }
private func sysRename(_ a: String, _ b: String) -> Int32 { Darwin.rename(a, b) }
#endif
