#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat` says about a file, enough to notice that it was replaced or rewritten: device, inode, size and
/// modification time (nanoseconds). A rename into place changes the inode; an in-place write changes size or
/// mtime.
public struct FileSignature: Sendable, Hashable, CustomStringConvertible {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var mtimeSeconds: Int64
    public var mtimeNanoseconds: Int64

    /// Makes a signature from its parts.
    public init(device: UInt64, inode: UInt64, size: Int64, mtimeSeconds: Int64, mtimeNanoseconds: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.mtimeSeconds = mtimeSeconds
        self.mtimeNanoseconds = mtimeNanoseconds
    }

    /// The signature of the file at `path` (symlinks followed), or nil when it cannot be stat'ed.
    public init?(path: String) {
        guard case .success(let info) = PosixFile.stat(path) else { return nil }
        self = info.signature
    }

    public var description: String {
        "dev \(device) ino \(inode) size \(size) mtime \(mtimeSeconds).\(mtimeNanoseconds)"
    }
}
