/// A size in bytes, written in the config as an integer (bytes) or a string with a binary unit:
/// `"512"`, `"512B"`, `"64KiB"`, `"1.5MiB"`, `"10MiB"`, `"1GiB"`, `"1TiB"` (1 KiB = 1024 bytes).
///
/// Decimal-looking units (`KB`, `MB`, `k`, `M`, …) are refused rather than guessed, with a hint to the binary one.
public struct ByteSize: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// The size in bytes (never negative when parsed).
    public var bytes: Int

    /// A size of `bytes` bytes.
    public init(bytes: Int) {
        self.bytes = bytes
    }

    /// A size from an integer literal, in bytes.
    public init(integerLiteral value: Int) {
        self.bytes = value
    }

    /// `n` × 1024 bytes.
    public static func kibibytes(_ n: Int) -> ByteSize { ByteSize(bytes: n * 1024) }
    /// `n` × 1024² bytes.
    public static func mebibytes(_ n: Int) -> ByteSize { ByteSize(bytes: n * 1024 * 1024) }
    /// `n` × 1024³ bytes.
    public static func gibibytes(_ n: Int) -> ByteSize { ByteSize(bytes: n * 1024 * 1024 * 1024) }

    /// The units accepted after a number, lower-cased, with their multipliers.
    static let units: [(name: String, bytes: Int64)] = [
        ("b", 1), ("kib", 1 << 10), ("mib", 1 << 20), ("gib", 1 << 30), ("tib", 1 << 40),
    ]
    /// Units that look decimal or abbreviated, and the binary unit to write instead.
    static let refusedUnits: [String: String] = [
        "k": "KiB", "kb": "KiB", "m": "MiB", "mb": "MiB", "g": "GiB", "gb": "GiB", "t": "TiB", "tb": "TiB",
    ]

    /// Parses `"64KiB"`, `"10 MiB"`, `"4096"`…; throws `ConfigValueError` naming the problem.
    public init(parsing text: String) throws {
        var rest = Substring(text.trimmingSpaces())
        let example = "like \"64KiB\" or \"10MiB\""
        if rest.hasPrefix("-") { throw ConfigValueError("a size cannot be negative, got \"\(text)\"") }
        guard let number = DecimalQuantity.take(from: &rest) else {
            throw ConfigValueError("expected a size \(example), got \"\(text)\"")
        }
        let unitText = rest.trimmingSpaces().lowercased()
        let multiplier: Int64
        if unitText.isEmpty {
            multiplier = 1
        } else if let unit = ByteSize.units.first(where: { $0.name == unitText }) {
            multiplier = unit.bytes
        } else if let binary = ByteSize.refusedUnits[unitText] {
            throw ConfigValueError("\"\(text)\": use binary units (B, KiB, MiB, GiB, TiB); did you mean \"\(binary)\"?")
        } else {
            throw ConfigValueError("\"\(text)\" has an unknown unit; use B, KiB, MiB, GiB or TiB")
        }
        guard let (value, exact) = number.scaled(by: multiplier), value <= Int64(Int.max) else {
            throw ConfigValueError("\"\(text)\" is not a valid size (\(example))")
        }
        guard exact else { throw ConfigValueError("\"\(text)\" is not a whole number of bytes") }
        self.bytes = Int(value)
    }

    /// The shortest exact rendering: `"64KiB"`, `"10MiB"`, `"1000B"`, `"0B"`.
    public var description: String {
        for (name, size) in [("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
        where bytes != 0 && bytes % size == 0 {
            return "\(bytes / size)\(name)"
        }
        return "\(bytes)B"
    }

    /// Orders by byte count.
    public static func < (lhs: ByteSize, rhs: ByteSize) -> Bool { lhs.bytes < rhs.bytes }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let text = String(self)
        var start = text.startIndex
        var end = text.endIndex
        while start < end, text[start] == " " || text[start] == "\t" { start = text.index(after: start) }
        while end > start {
            let previous = text.index(before: end)
            guard text[previous] == " " || text[previous] == "\t" else { break }
            end = previous
        }
        return String(text[start..<end])
    }
}
