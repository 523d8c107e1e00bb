/// Syntax rules for the URL path prefixes of static mounts, routes and cache rules.
enum URLPrefix {
    /// Why `prefix` is not an acceptable URL path prefix, or nil: it must start with `/` and may not contain
    /// whitespace, control characters, `?`, `#`, `\` or a `..` segment.
    static func problem(_ prefix: String) -> String? {
        guard prefix.hasPrefix("/") else { return "a URL prefix must start with \"/\", got \"\(prefix)\"" }
        if prefix.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || "?#\\".unicodeScalars.contains($0) }) {
            return "\"\(TOMLValue.escapeForMessage(prefix))\" may not contain spaces, control characters, '?', '#' or '\\'"
        }
        if prefix.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) {
            return "\"\(prefix)\" may not contain \".\" or \"..\" segments"
        }
        return nil
    }
}
