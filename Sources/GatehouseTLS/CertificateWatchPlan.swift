#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which directories to watch for a set of certificate, key and chain files, and which entry names in each one
/// matter (TECH-NOTES §2.2: watch directories, not files).
///
/// Every path is walked component by component. Each symlink met on the way (the file itself, as certbot's
/// `live/NAME/cert.pem → ../../archive/NAME/cert3.pem`, or a directory, as Kubernetes' `..data → ..2024_…`
/// or a `current → v2` flip) adds the directory holding the link with the link's name, and the walk continues at
/// the link's target; the fully resolved file adds its own directory. So a rename into place, a re-pointed link
/// or a renamed link directory all show up as an event on a watched directory with a relevant name.
///
/// Recompute the plan after every relevant event: link targets move (the Kubernetes timestamp directory changes
/// on every update).
struct CertificateWatchPlan: Sendable, Equatable {
    /// Absolute directory path → the entry names in it that matter.
    private(set) var directories: [String: Set<String>] = [:]

    /// The plan for `files`; relative paths are taken from `workingDirectory`.
    init(files: [String], workingDirectory: String) {
        for file in files where !file.isEmpty {
            let absolute = file.hasPrefix("/") ? file : workingDirectory + "/" + file
            add(absolute)
        }
    }

    /// Whether an event named `name` in `directory` matters.
    func isRelevant(name: String, in directory: String) -> Bool {
        directories[directory]?.contains(name) ?? false
    }

    private mutating func add(_ path: String) {
        var resolved: [String] = []          // a symlink-free absolute path, as components
        var pending = Self.components(path)[...]
        var linksFollowed = 0
        while let component = pending.popFirst() {
            if component == "." { continue }
            if component == ".." {
                _ = resolved.popLast()
                continue
            }
            let candidate = Self.join(resolved + [component])
            if linksFollowed < 40, let target = Self.symlinkTarget(candidate) {
                linksFollowed += 1
                note(component, in: Self.join(resolved))
                if target.hasPrefix("/") { resolved = [] }
                pending = (Self.components(target) + pending)[...]
            } else {
                resolved.append(component)
            }
        }
        guard let name = resolved.popLast() else { return }
        note(name, in: Self.join(resolved))
    }

    private mutating func note(_ name: String, in directory: String) {
        directories[directory, default: []].insert(name)
    }

    static func components(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    static func join(_ components: [String]) -> String {
        "/" + components.joined(separator: "/")
    }

    /// The target of `path` if it is a symbolic link (nil otherwise, or if it cannot be read).
    static func symlinkTarget(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The process's working directory ("/" if it cannot be read).
    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "/" }
        return String(cString: buffer)
    }
}
