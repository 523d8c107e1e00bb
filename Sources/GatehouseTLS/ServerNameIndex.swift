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

    /// Distinct value lists a name can select ("slots"); names serving the same pairs share a slot.
    public let slots: [[Value]]
    private let exact: [String: Int]
    private let wildcard: [String: Int]
    private let defaultSlot: Int?
    /// The name whose values are the default (the first entry's first name unless chosen).
    public let defaultName: String?

    /// The values served to clients without SNI (and unknown names unless rejected).
    public var defaultValues: [Value] { defaultSlot.map { slots[$0] } ?? [] }

    /// Builds the index. `defaultName` picks the default set by name; otherwise the first entry's first name.
    public init(entries: [Entry], defaultName: String? = nil) {
        // name → (key type, entry position), at most one entry per key type, first configured wins.
        var exactLists: [String: [(KeyType, Int)]] = [:]
        var wildcardLists: [String: [(KeyType, Int)]] = [:]
        for (position, entry) in entries.enumerated() {
            for name in entry.names.map(Self.normalize) where !name.isEmpty {
                if name.hasPrefix("*.") {
                    Self.add(entry.keyType, position, to: &wildcardLists, key: String(name.dropFirst(2)))
                } else {
                    Self.add(entry.keyType, position, to: &exactLists, key: name)
                }
            }
        }
        var slotOf: [[Int]: Int] = [:]
        var slots: [[Value]] = []
        func slot(_ list: [(KeyType, Int)]) -> Int {
            let key = list.map(\.1)
            if let known = slotOf[key] { return known }
            slots.append(key.map { entries[$0].value })
            slotOf[key] = slots.count - 1
            return slots.count - 1
        }
        // Sorted so that slot numbers do not depend on dictionary order.
        self.exact = Dictionary(uniqueKeysWithValues: exactLists.sorted { $0.key < $1.key }.map { ($0.key, slot($0.value)) })
        self.wildcard = Dictionary(uniqueKeysWithValues: wildcardLists.sorted { $0.key < $1.key }.map { ($0.key, slot($0.value)) })
        self.slots = slots
        let chosen = defaultName.map(Self.normalize) ?? entries.first?.names.first.map(Self.normalize)
        self.defaultName = chosen
        if let chosen {
            defaultSlot = chosen.hasPrefix("*.") ? wildcard[String(chosen.dropFirst(2))] : exact[chosen]
        } else {
            defaultSlot = nil
        }
    }

    /// Every exact and wildcard name in the index (wildcards with their `*.`), sorted.
    public var names: [String] {
        (Array(exact.keys) + wildcard.keys.map { "*." + $0 }).sorted()
    }

    /// Chooses the values for `serverName` (nil or empty: no SNI was sent).
    public func select(serverName: String?, rejectUnknownNames: Bool) -> ServerNameSelection<Value> {
        guard let (slot, matched) = selectSlot(serverName: serverName, rejectUnknownNames: rejectUnknownNames) else {
            return .reject
        }
        return .selected(slots[slot], matched: matched)
    }

    /// Like `select`, but answers the position in `slots` (nil: reject). Allocates nothing beyond the name.
    public func selectSlot(serverName: String?, rejectUnknownNames: Bool) -> (slot: Int, matched: ServerNameSelection<Value>.Match)? {
        guard let serverName, !serverName.isEmpty else {
            return defaultSlot.map { ($0, .fallback) }
        }
        let name = Self.normalize(serverName)
        if let slot = exact[name] { return (slot, .exact) }
        if let dot = name.firstIndex(of: "."), dot > name.startIndex, name.index(after: dot) < name.endIndex,
           let slot = wildcard[String(name[name.index(after: dot)...])] {
            return (slot, .wildcard)
        }
        if rejectUnknownNames { return nil }
        return defaultSlot.map { ($0, .fallback) }
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

    private static func add(_ keyType: KeyType, _ position: Int, to table: inout [String: [(KeyType, Int)]],
                            key: String) {
        var list = table[key] ?? []
        if !list.contains(where: { $0.0 == keyType }) { list.append((keyType, position)) }
        table[key] = list
    }
}

extension ServerNameIndex: @unchecked Sendable where Value: Sendable {}
extension ServerNameSelection: Sendable where Value: Sendable {}
