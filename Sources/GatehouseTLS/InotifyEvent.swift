/// One inotify record: `struct inotify_event { int32 wd; uint32 mask; uint32 cookie; uint32 len; char name[len]; }`
/// (native byte order, the name NUL-padded).
struct InotifyEvent: Sendable, Equatable {
    /// The watch descriptor (-1 for a queue overflow).
    var watch: Int32
    /// `IN_*` bits.
    var mask: UInt32
    /// Links the two halves of a rename.
    var cookie: UInt32
    /// The entry's name inside the watched directory; empty for events about the directory itself.
    var name: String

    /// Creates an event.
    init(watch: Int32, mask: UInt32, cookie: UInt32 = 0, name: String) {
        self.watch = watch
        self.mask = mask
        self.cookie = cookie
        self.name = name
    }

    /// The fixed part of a record.
    static let headerSize = 16

    /// Splits a buffer read from an inotify descriptor into events. A truncated record at the end is dropped
    /// (the kernel never returns one, but the parser never reads past the buffer).
    static func parse(_ bytes: UnsafeRawBufferPointer) -> [InotifyEvent] {
        var events: [InotifyEvent] = []
        var offset = 0
        while bytes.count - offset >= headerSize {
            let watch = Int32(bitPattern: word(bytes, offset))
            let mask = word(bytes, offset + 4)
            let cookie = word(bytes, offset + 8)
            let length = Int(word(bytes, offset + 12))
            let end = offset + headerSize + length
            guard length >= 0, end <= bytes.count else { break }
            let nameBytes = bytes[(offset + headerSize)..<end].prefix { $0 != 0 }
            events.append(InotifyEvent(watch: watch, mask: mask, cookie: cookie,
                                       name: String(decoding: nameBytes, as: UTF8.self)))
            offset = end
        }
        return events
    }

    /// Serialises the event as the kernel does (name NUL-padded to a multiple of 4, plus at least one NUL when a
    /// name is present): for tests.
    func encoded() -> [UInt8] {
        var name = Array(self.name.utf8)
        if !name.isEmpty {
            name.append(0)
            while name.count % 4 != 0 { name.append(0) }
        }
        var out: [UInt8] = []
        for value in [UInt32(bitPattern: watch), mask, cookie, UInt32(name.count)] {
            withUnsafeBytes(of: value) { out.append(contentsOf: $0) }
        }
        return out + name
    }

    private static func word(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        var value: UInt32 = 0
        withUnsafeMutableBytes(of: &value) { target in
            target.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + 4)]))
        }
        return value
    }
}
