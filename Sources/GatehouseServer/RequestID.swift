/// Request IDs: accepted from clients when short and printable, otherwise generated: 128 bits as 32 hex digits.
///
/// A connection's generator is seeded once from the system's random source, then steps a xoshiro256** state:
/// no system call per request, and IDs that do not repeat in practice (they need to be unique, not secret).
/// Not Sendable in use: one generator per connection, on its event loop.
struct RequestID {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator seeded with 256 bits from `SystemRandomNumberGenerator`.
    init() {
        var g = SystemRandomNumberGenerator()
        state = (g.next(), g.next(), g.next(), g.next())
        if state == (0, 0, 0, 0) { state.0 = 1 }
    }

    /// True when a client's `X-Request-ID` is short and printable enough to pass on.
    static func isAcceptable(_ value: String) -> Bool {
        value.utf8.count <= 128 && !value.isEmpty && value.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }

    /// A fresh ID from a one-off generator (for paths that have no connection generator).
    static func generate() -> String {
        var g = RequestID()
        return g.next()
    }

    /// The next ID: 32 lower-case hex digits.
    mutating func next() -> String {
        let a = step(), b = step()
        return String(unsafeUninitializedCapacity: 32) { out in
            let digits: StaticString = "0123456789abcdef"
            digits.withUTF8Buffer { hex in
                for i in 0..<16 {
                    out[i] = hex[Int((a >> UInt64(60 - 4 * i)) & 0xF)]
                    out[16 + i] = hex[Int((b >> UInt64(60 - 4 * i)) & 0xF)]
                }
            }
            return 32
        }
    }

    private mutating func step() -> UInt64 {
        let result = rotl(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotl(state.3, 45)
        return result
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
