/// Pure operations on relative, `/`-separated paths inside a build tree.
public enum PathUtilities {
    /// The part of the last component after its last dot, or `""` (`a/b.min.js` → `js`; `.env` → `""`).
    public static func fileExtension(_ path: String) -> String {
        let name = lastComponent(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }

    /// The last component of a path.
    public static func lastComponent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Everything before the last `/`, or `""` at the top level.
    public static func directory(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// Joins a directory and a relative path.
    public static func join(_ directory: String, _ path: String) -> String {
        directory.isEmpty ? path : directory + "/" + path
    }

    /// The content-hashed name Django's ManifestStaticFilesStorage would use: `css/site.css` + hash →
    /// `css/site.<hash>.css`; a name without extension gets the hash appended (`LICENSE.<hash>`).
    public static func fingerprinted(_ path: String, hash: String) -> String {
        let dir = directory(path)
        let name = lastComponent(path)
        let renamed: String
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            renamed = name[..<dot] + "." + hash + name[dot...]
        } else {
            renamed = name + "." + hash
        }
        return join(dir, renamed)
    }

    /// Resolves `reference` (a relative URL path, already percent-decoded) against the directory of `referrer`,
    /// folding `.` and `..`. Returns nil when the result would climb above the root.
    public static func resolve(_ reference: String, relativeTo referrer: String) -> String? {
        var parts = directory(referrer).split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        for component in reference.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(component))
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    /// Decodes `%XX` escapes; returns nil for malformed escapes or bytes that are not UTF-8.
    public static func percentDecoded(_ text: String) -> String? {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        return String(strictUTF8: bytes)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// True if `path` is `base` or lies below it (both absolute, normalised).
    public static func isSameOrInside(_ path: String, _ base: String) -> Bool {
        if path == base { return true }
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix)
    }
}

extension String {
    /// Strict UTF-8 decoding that fails instead of repairing.
    init?(strictUTF8 bytes: [UInt8]) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var scalars = String.UnicodeScalarView()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: break loop
            case .error: return nil
            }
        }
        self = String(scalars)
    }
}
