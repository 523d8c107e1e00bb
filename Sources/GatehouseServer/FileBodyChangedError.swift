/// A file body no longer matches the response prepared for it: the file was replaced or truncated after the
/// response head was made (typically a plain-named asset rewritten by the next build before the new manifest
/// is picked up). The connection is closed rather than sending bytes that do not match the head.
struct FileBodyChangedError: Error, CustomStringConvertible {
    /// The file.
    let path: String
    /// The file size the response was prepared for (or the bytes to send, for a short read).
    let expected: Int64
    /// What the file held when opened, or the bytes read before the file ended.
    let actual: Int64
    /// True when the file ended early while it was read; false when its size was wrong at open.
    let shortRead: Bool

    var description: String {
        shortRead
            ? "\(path): file ended after \(actual) of \(expected) bytes while it was sent"
            : "\(path): file has \(actual) bytes, the response was prepared for \(expected)"
    }
}
