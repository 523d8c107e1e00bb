/// Thrown when a config file cannot be used: it holds every problem found, in file order, not just the first.
public struct ConfigLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// All problems, sorted by line.
    public var diagnostics: [ConfigDiagnostic]

    /// Creates an error from diagnostics (sorted by line, keeping their order within a line).
    public init(diagnostics: [ConfigDiagnostic]) {
        self.diagnostics = ConfigLoadError.sorted(diagnostics)
    }

    /// One diagnostic per line, ready to print.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }

    /// Orders diagnostics by line (those without a line first), stable within a line.
    static func sorted(_ diagnostics: [ConfigDiagnostic]) -> [ConfigDiagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let (la, lb) = (a.element.line ?? 0, b.element.line ?? 0)
            return la != lb ? la < lb : a.offset < b.offset
        }.map(\.element)
    }
}
