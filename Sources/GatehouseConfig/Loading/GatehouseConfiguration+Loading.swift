import Foundation

extension GatehouseConfiguration {
    /// Loads the configuration for `gatehouse serve`.
    ///
    /// With a `path`, that file must exist and be valid. Without one, `gatehouse.toml` in the working directory is
    /// used when it exists, else the defaults. Throws `ConfigLoadError` holding every problem found, each printable
    /// as `FILE:LINE: key: problem`. Files named by settings (certificates, directories) are not checked here.
    public static func load(path: String?) throws -> GatehouseConfiguration {
        let file: String
        if let path {
            file = path
        } else if FileManager.default.fileExists(atPath: defaultFileName) {
            file = defaultFileName
        } else {
            return GatehouseConfiguration()
        }
        let text: String
        do {
            text = try readText(of: file)
        } catch let diagnostic as ConfigDiagnostic {
            throw ConfigLoadError(diagnostics: [diagnostic])
        }
        return try parse(text: text, fileName: file)
    }

    /// Parses and validates config text; `fileName` is used in diagnostics only. Throws `ConfigLoadError`.
    public static func parse(text: String, fileName: String) throws -> GatehouseConfiguration {
        let (configuration, diagnostics) = analyze(text: text, fileName: fileName)
        guard let configuration, diagnostics.isEmpty else { throw ConfigLoadError(diagnostics: diagnostics) }
        return configuration
    }

    /// Every problem in the file at `path`, sorted by line (empty when it is valid): what `gatehouse check` prints.
    public static func check(path: String) -> [ConfigDiagnostic] {
        do {
            return check(text: try readText(of: path), fileName: path)
        } catch let diagnostic as ConfigDiagnostic {
            return [diagnostic]
        } catch {
            return [ConfigDiagnostic(file: path, line: nil, key: nil, message: "\(error)")]
        }
    }

    /// Every problem in config text, sorted by line (empty when it is valid).
    public static func check(text: String, fileName: String) -> [ConfigDiagnostic] {
        analyze(text: text, fileName: fileName).diagnostics
    }

    /// The checks that span several settings (clashing listeners, non-loopback admin, duplicate prefixes, routes
    /// to unknown upstreams, …), for a configuration changed after loading, e.g. by command-line flags. The
    /// diagnostics name keys but no file or line.
    public func validate() -> [ConfigDiagnostic] {
        ConfigValidator(configuration: self, fileName: "", locate: { _ in nil }).problems()
    }

    /// Parses and decodes; the configuration is nil only after a syntax error.
    static func analyze(text: String, fileName: String) -> (configuration: GatehouseConfiguration?,
                                                             diagnostics: [ConfigDiagnostic]) {
        let root: TOMLTable
        do {
            root = try TOMLParser.parse(text)
        } catch let error as TOMLSyntaxError {
            return (nil, [ConfigDiagnostic(file: fileName, line: error.line, key: nil, message: error.message)])
        } catch {
            return (nil, [ConfigDiagnostic(file: fileName, line: nil, key: nil, message: "\(error)")])
        }
        let (configuration, context) = ConfigDecoder.decode(root, fileName: fileName)
        return (configuration, ConfigLoadError.sorted(context.diagnostics))
    }

    /// The file's text, or a diagnostic saying why it cannot be read.
    static func readText(of path: String) throws -> String {
        func problem(_ message: String) -> ConfigDiagnostic {
            ConfigDiagnostic(file: path, line: nil, key: nil, message: message)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw problem("no such file")
        }
        guard !isDirectory.boolValue else { throw problem("is a directory, not a config file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw problem("cannot be read (check its permissions)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw problem("is not valid UTF-8 text") }
        return text
    }
}
