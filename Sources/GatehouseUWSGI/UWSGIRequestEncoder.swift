import NIOCore

/// Encodes the head of a uwsgi request packet: the 4-byte header (modifier1 = 0, the vars block size as a
/// little-endian u16, modifier2 = 0) followed by the vars block (`u16le keylen, key, u16le vallen, value` per entry).
/// The body follows the packet raw, exactly `CONTENT_LENGTH` bytes, and is written by the caller.
public struct UWSGIRequestEncoder: Sendable {
    /// The hard limit of the 16-bit size field.
    public static let maximumBlockSize = 65535

    /// The backend's `buffer-size` (uWSGI's default is 4096): uWSGI resets the connection when the vars block is
    /// bigger, so the encoder refuses such blocks first.
    public let bufferSize: Int

    /// The effective limit: `min(bufferSize, 65535)`.
    public var limit: Int { min(bufferSize, Self.maximumBlockSize) }

    /// Creates an encoder for a backend whose `buffer-size` is `bufferSize`.
    public init(bufferSize: Int = 4096) {
        self.bufferSize = bufferSize
    }

    /// Checks `vars` against the limits without encoding; returns the block size.
    ///
    /// - Throws: `UWSGIEncodingError.blockTooBig` or `.fieldTooLong`.
    @discardableResult
    public func validate(_ vars: UWSGIVars) throws -> Int {
        if vars.longestField > Self.maximumBlockSize {
            throw UWSGIEncodingError.fieldTooLong(length: vars.longestField)
        }
        let size = vars.blockSize
        guard size <= limit else { throw UWSGIEncodingError.blockTooBig(size: size, limit: limit) }
        return size
    }

    /// Writes the packet header and vars block into `buffer`.
    ///
    /// - Throws: `UWSGIEncodingError` (nothing is written then).
    public func encode(_ vars: UWSGIVars, into buffer: inout ByteBuffer) throws {
        try validate(vars)
        buffer.writeImmutableBuffer(vars.packet)
    }

    /// The packet header and vars block, ready to send: `vars` keeps them encoded, so this copies nothing.
    public func encode(_ vars: UWSGIVars, allocator: ByteBufferAllocator = ByteBufferAllocator()) throws -> ByteBuffer {
        try validate(vars)
        return vars.packet
    }
}
