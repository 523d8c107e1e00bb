/// A parsed TOML table: its keys in source order, each with the line of the key and its value.
public struct TOMLTable: Sendable, Equatable {
    /// One `key = value` of the table (or a sub-table / array of tables stored under `key`).
    public struct Entry: Sendable, Equatable {
        /// The key, unquoted (one part of a dotted key).
        public var key: String
        /// The line where the key was written (for a table made by a header, the header's line).
        public var keyLine: Int
        /// The value stored under the key.
        public var value: TOMLValue

        /// Creates an entry.
        public init(key: String, keyLine: Int, value: TOMLValue) {
            self.key = key
            self.keyLine = keyLine
            self.value = value
        }
    }

    /// The entries in the order they were first written.
    public var entries: [Entry]
    /// The line of the table's header (1 for the root table and for tables created implicitly before any header).
    public var line: Int

    /// Creates a table from entries.
    public init(entries: [Entry] = [], line: Int = 1) {
        self.entries = entries
        self.line = line
    }

    /// The entry stored under `key`, if any.
    public subscript(key: String) -> Entry? {
        entries.first { $0.key == key }
    }

    /// The table's keys in source order.
    public var keys: [String] { entries.map(\.key) }

    /// Whether the table has no entries.
    public var isEmpty: Bool { entries.isEmpty }
}
