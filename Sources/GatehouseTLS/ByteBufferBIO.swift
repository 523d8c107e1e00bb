import CGatehouseOpenSSL
import NIOCore

/// A custom OpenSSL BIO over NIO `ByteBuffer`s: OpenSSL reads ciphertext straight from the last received buffer and
/// writes records straight into an outbound buffer handed to NIO as is (one copy each way, and no `BUF_MEM` that
/// keeps its peak size for the connection's life, TECH-NOTES §1.4). Both buffers are dropped when empty, so an idle
/// connection holds none.
///
/// Not thread-safe: used only on its connection's event loop.
final class ByteBufferBIO {
    /// The `BIO*`; this object owns one reference, the `SSL` the other (see `attach(to:)`).
    let bio: OpaquePointer
    private var inbound: ByteBuffer?
    private var outbound: ByteBuffer?
    private let allocator: ByteBufferAllocator

    init?(allocator: ByteBufferAllocator) {
        guard let method = ByteBufferBIO.method, let bio = BIO_new(method) else { return nil }
        self.bio = bio
        self.allocator = allocator
        BIO_set_data(bio, Unmanaged.passUnretained(self).toOpaque())
        BIO_set_init(bio, 1)
    }

    deinit {
        BIO_set_data(bio, nil)
        BIO_free(bio)
    }

    /// Gives `ssl` the BIO for reading and writing (the `SSL` takes its own reference).
    func attach(to ssl: OpaquePointer) {
        BIO_up_ref(bio)
        SSL_set_bio(ssl, bio, bio)
    }

    /// Queues received ciphertext for OpenSSL to read.
    func receive(_ buffer: ByteBuffer) {
        if var pending = inbound, pending.readableBytes > 0 {
            inbound = nil  // keep `pending` uniquely referenced so appending does not copy
            var copy = buffer
            pending.writeBuffer(&copy)
            inbound = pending
        } else {
            inbound = buffer
        }
    }

    /// Makes room for `bytes` more ciphertext, so the records of one flush are written without regrowing (and
    /// recopying) the outbound buffer.
    func reserveOutbound(_ bytes: Int) {
        if outbound == nil {
            outbound = allocator.buffer(capacity: max(bytes, 1024))
        } else {
            outbound!.reserveCapacity(minimumWritableBytes: bytes)
        }
    }

    /// Bytes received but not yet read by OpenSSL.
    var unreadInboundBytes: Int { inbound?.readableBytes ?? 0 }

    /// Takes the ciphertext OpenSSL has produced since the last call (nil when none).
    func takeOutbound() -> ByteBuffer? {
        guard let buffer = outbound, buffer.readableBytes > 0 else { return nil }
        outbound = nil
        return buffer
    }

    fileprivate func read(into destination: UnsafeMutableRawBufferPointer) -> Int {
        guard var source = inbound, source.readableBytes > 0 else { return 0 }
        let count = min(destination.count, source.readableBytes)
        source.withUnsafeReadableBytes { destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
        source.moveReaderIndex(forwardBy: count)
        inbound = source.readableBytes > 0 ? source : nil
        return count
    }

    fileprivate func write(_ source: UnsafeRawBufferPointer) {
        if outbound == nil { outbound = allocator.buffer(capacity: max(source.count, 1024)) }
        outbound!.writeBytes(source)
    }

    private static func object(_ bio: OpaquePointer?) -> ByteBufferBIO? {
        guard let bio, let data = BIO_get_data(bio) else { return nil }
        return Unmanaged<ByteBufferBIO>.fromOpaque(data).takeUnretainedValue()
    }

    private static func clearRetry(_ bio: OpaquePointer) {
        BIO_clear_flags(bio, gh_BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY)
    }

    /// The method table, made once per process.
    private static let method: OpaquePointer? = {
        guard let method = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "gatehouse-bytebuffer") else {
            return nil
        }
        BIO_meth_set_read_ex(method) { bio, data, length, readBytes in
            guard let bio else { return 0 }
            ByteBufferBIO.clearRetry(bio)
            guard let object = ByteBufferBIO.object(bio), let data else { return 0 }
            let count = object.read(into: UnsafeMutableRawBufferPointer(start: data, count: length))
            if count == 0 {
                BIO_set_flags(bio, BIO_FLAGS_READ | BIO_FLAGS_SHOULD_RETRY)
                return 0
            }
            readBytes?.pointee = count
            return 1
        }
        BIO_meth_set_write_ex(method) { bio, data, length, written in
            guard let bio else { return 0 }
            ByteBufferBIO.clearRetry(bio)
            guard let object = ByteBufferBIO.object(bio) else { return 0 }
            if length > 0, let data { object.write(UnsafeRawBufferPointer(start: data, count: length)) }
            written?.pointee = length
            return 1
        }
        BIO_meth_set_ctrl(method) { bio, command, _, _ in
            switch command {
            case BIO_CTRL_FLUSH: return 1
            case BIO_CTRL_GET_CLOSE, BIO_CTRL_SET_CLOSE: return 1
            case BIO_CTRL_PENDING: return ByteBufferBIO.object(bio).map { Int($0.unreadInboundBytes) } ?? 0
            default: return 0
            }
        }
        BIO_meth_set_create(method) { _ in 1 }
        BIO_meth_set_destroy(method) { _ in 1 }
        return method
    }()
}
