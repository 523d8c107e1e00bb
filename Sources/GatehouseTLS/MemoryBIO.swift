import CGatehouseOpenSSL

/// Helpers for OpenSSL memory BIOs used when parsing and writing PEM (not on the connection path).
enum MemoryBIO {
    /// Every byte currently readable from `bio`.
    static func contents(_ bio: OpaquePointer) -> [UInt8] {
        let pending = Int(BIO_ctrl_pending(bio))
        guard pending > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: pending)
        let read = bytes.withUnsafeMutableBytes { BIO_read(bio, $0.baseAddress, Int32(pending)) }
        return Array(bytes.prefix(max(0, Int(read))))
    }

    /// Runs `body` with a read-only memory BIO over `bytes` (no copy; the BIO dies with the call).
    static func withReadOnly<T>(_ bytes: [UInt8], _ body: (OpaquePointer) throws -> T) rethrows -> T? {
        try bytes.withUnsafeBytes { raw -> T? in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            return try body(bio)
        }
    }
}
