import Atomics

/// Request IDs: accepted from clients when short and printable, otherwise generated: 128 bits as 32 hex digits.
///
/// A connection's generator steps a xoshiro256** state: no system call per request, and IDs that do not repeat in
/// practice (they need to be unique, not secret). Its state comes from a process-wide 128-bit random key (read once
/// from the system, the only `getrandom`) and a connection counter, through splitmix64: no system call per
/// connection either, and no two connections ever start from a common state word (splitmix64's finaliser is a
/// bijection and every connection feeds it four inputs no other connection uses).
/// Not Sendable in use: one generator per connection, on its event loop.
struct RequestID {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator for a new connection (see the type's comment for how it is seeded).
    init() {
        let first = RequestIDSeed.counter.loadThenWrappingIncrement(by: 4, ordering: .relaxed)
        let key = RequestIDSeed.key
        func word(_ i: UInt64) -> UInt64 { RequestIDSeed.mix((key.0 &+ (first &+ i) &* 0x9E37_79B9_7F4A_7C15) ^ key.1) }
        state = (word(0), word(1), word(2), word(3))
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

/// The process-wide seed material of `RequestID`.
enum RequestIDSeed {
    /// 128 random bits, read from the system once (lazily, thread-safe).
    static let key: (UInt64, UInt64) = {
        var g = SystemRandomNumberGenerator()
        return (g.next(), g.next())
    }()
    /// Splitmix64 inputs handed out so far (four per generator).
    static let counter = ManagedAtomic<UInt64>(0)

    /// Splitmix64's finaliser (a bijection on 64-bit words).
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
