#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The outcome of choosing certificates for a TLS server name.
public enum ServerNameSelection<Value> {
    /// Serve these values (at most one per key type); `matched` says how they were found.
    case selected([Value], matched: Match)
    /// Refuse the handshake with `unrecognized_name`.
    case reject

    /// How a selection was found.
    public enum Match: String, Sendable, Hashable {
        /// The SNI name matched a configured name exactly.
        case exact
        /// The SNI name matched a `*.` wildcard (one label).
        case wildcard
        /// No SNI, or an unknown name with rejection off.
        case fallback
    }
}

/// Pure SNI selection: server name → the values (certificate pairs) that serve it, one per key type.
///
/// Names are compared lower-cased without a trailing dot. `*.example.test` matches exactly one extra label
/// (`a.example.test`, not `example.test` nor `a.b.example.test`). Exact names win over wildcards. A client without
/// SNI gets the default; an unknown name gets the default, or is rejected when `rejectUnknownNames` is set.
public struct ServerNameIndex<Value> {
    /// One configured value and the names it serves.
    public struct Entry {
        /// Names served (host names, `*.` wildcards; IP addresses are kept but never match SNI).
        public var names: [String]
        /// The key type: a name holds at most one value per key type (the first configured wins).
        public var keyType: KeyType
        /// The value served.
        public var value: Value

        /// Creates an entry.
        public init(names: [String], keyType: KeyType, value: Value) {
            self.names = names
            self.keyType = keyType
            self.value = value
        }
    }

    private var exact: [String: [(KeyType, Value)]] = [:]
    private var wildcard: [String: [(KeyType, Value)]] = [:]
    /// The values served to clients without SNI (and unknown names unless rejected).
    public private(set) var defaultValues: [Value] = []
    /// The name whose values are the default (the first entry's first name unless chosen).
    public let defaultName: String?

    /// Builds the index. `defaultName` picks the default set by name; otherwise the first entry's first name.
    public init(entries: [Entry], defaultName: String? = nil) {
        for entry in entries {
            for name in entry.names.map(Self.normalize) where !name.isEmpty {
                if name.hasPrefix("*.") {
                    Self.add(entry, to: &wildcard, key: String(name.dropFirst(2)))
                } else {
                    Self.add(entry, to: &exact, key: name)
                }
            }
        }
        let chosen = defaultName.map(Self.normalize) ?? entries.first?.names.first.map(Self.normalize)
        self.defaultName = chosen
        if let chosen {
            let list = chosen.hasPrefix("*.") ? wildcard[String(chosen.dropFirst(2))] : exact[chosen]
            defaultValues = (list ?? []).map(\.1)
        }
    }

    /// Every exact and wildcard name in the index (wildcards with their `*.`), sorted.
    public var names: [String] {
        (Array(exact.keys) + wildcard.keys.map { "*." + $0 }).sorted()
    }

    /// Chooses the values for `serverName` (nil or empty: no SNI was sent).
    public func select(serverName: String?, rejectUnknownNames: Bool) -> ServerNameSelection<Value> {
        guard let serverName, !serverName.isEmpty else {
            return defaultValues.isEmpty ? .reject : .selected(defaultValues, matched: .fallback)
        }
        let name = Self.normalize(serverName)
        if let list = exact[name] { return .selected(list.map(\.1), matched: .exact) }
        if let dot = name.firstIndex(of: "."), dot > name.startIndex, name.index(after: dot) < name.endIndex,
           let list = wildcard[String(name[name.index(after: dot)...])] {
            return .selected(list.map(\.1), matched: .wildcard)
        }
        if rejectUnknownNames || defaultValues.isEmpty { return .reject }
        return .selected(defaultValues, matched: .fallback)
    }

    /// Lower-cases and strips one trailing dot.
    public static func normalize(_ name: String) -> String {
        var lowered = name.lowercased()
        if lowered.hasSuffix(".") { lowered.removeLast() }
        return lowered
    }

    /// Whether `text` is an IPv4 or IPv6 address literal.
    public static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }

    private static func add(_ entry: Entry, to table: inout [String: [(KeyType, Value)]], key: String) {
        var list = table[key] ?? []
        if !list.contains(where: { $0.0 == entry.keyType }) { list.append((entry.keyType, entry.value)) }
        table[key] = list
    }
}

extension ServerNameIndex: @unchecked Sendable where Value: Sendable {}
extension ServerNameSelection: Sendable where Value: Sendable {}
