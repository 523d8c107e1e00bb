/// Shared state of one decoding pass: the problems found so far, where each key was written, and which keys the
/// decoder asked for (the schema as the decoder actually reads it; tests compare it with the example file).
final class ConfigDecodingContext {
    let fileName: String
    private(set) var diagnostics: [ConfigDiagnostic] = []
    /// Dotted key path (`upstream[1].servers`) → line of its value; tables map to their header's line.
    var lines: [String: Int] = [:]
    /// Schema paths (`upstream[].servers`) of every scalar or array key the decoder looked up.
    var requestedKeys: Set<String> = []

    init(fileName: String) {
        self.fileName = fileName
    }

    func report(line: Int?, key: String?, _ message: String) {
        diagnostics.append(ConfigDiagnostic(file: fileName, line: line, key: key, message: message))
    }

    /// The line recorded for `keyPath`, else for the nearest enclosing table that has one.
    func line(for keyPath: String) -> Int? {
        var path = Substring(keyPath)
        while true {
            if let line = lines[String(path)] { return line }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            path = path[..<cut]
        }
    }
}
