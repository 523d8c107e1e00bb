/// What a build did, for the final line or `--json`.
public struct AssetBuildSummary: Codable, Sendable, Equatable {
    /// Source files built.
    public var files: Int
    /// URL paths in the manifest (plain and fingerprinted names).
    public var servedPaths: Int
    /// Bytes of all source files (after reference rewriting), each file once.
    public var bytesIn: Int64
    /// Bytes of the kept variants per encoding (`identity`, `br`, `gzip`), each source file once.
    public var bytesOut: [String: Int64]
    /// Per encoding, the fraction of `bytesIn` a client accepting it saves (files without that variant count at
    /// full size).
    public var savings: [String: Double]
    /// Distinct contents compressed in this build.
    public var compressed: Int
    /// Distinct contents whose variants came from the cache.
    public var fromCache: Int
    /// Source files not compressed (already-compressed type or below the minimum size).
    public var notCompressed: Int
    /// Output files written (new or changed).
    public var written: Int
    /// Output files that already held the right bytes.
    public var unchanged: Int
    /// Stale output files removed.
    public var removed: Int
    /// Wall-clock seconds.
    public var seconds: Double
    /// Warnings (missing references in non-strict mode, cache problems…).
    public var warnings: [String]
    /// Path of the manifest written.
    public var manifest: String

    /// A one-line human summary.
    public var line: String {
        let br = bytesOut["br"] ?? 0, gz = bytesOut["gzip"] ?? 0
        func pct(_ key: String) -> String { String(Int(((savings[key] ?? 0) * 100).rounded())) + "%" }
        return "\(files) files, \(ByteCountFormatter.format(bytesIn)) in; br \(ByteCountFormatter.format(br)) "
            + "(saves \(pct("br"))), gzip \(ByteCountFormatter.format(gz)) (saves \(pct("gzip"))); "
            + "\(compressed) compressed, \(fromCache) from cache; \(written) written, \(removed) removed; "
            + String(format2: seconds) + " s"
    }
}

/// Human byte counts (`1.2 MB`), decimal units.
public enum ByteCountFormatter {
    /// Formats a byte count.
    public static func format(_ bytes: Int64) -> String {
        if bytes < 1000 { return "\(bytes) B" }
        let units = ["KB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1000
        var unit = 0
        while value >= 1000 && unit < units.count - 1 { value /= 1000; unit += 1 }
        return String(format1: value) + " " + units[unit]
    }
}

extension String {
    /// One decimal place without Foundation.
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(tenths % 10)"
    }

    /// Two decimal places without Foundation.
    init(format2 value: Double) {
        let hundredths = Int((value * 100).rounded())
        let frac = hundredths % 100
        self = "\(hundredths / 100)." + (frac < 10 ? "0" : "") + "\(frac)"
    }
}
