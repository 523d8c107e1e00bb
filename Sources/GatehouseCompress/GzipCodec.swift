import CGatehouseZlib

/// One-shot gzip (RFC 1952) compression and bounded decompression over the system zlib.
///
/// The header zlib writes carries no file name and a zero mtime, so the output depends only on the input and the
/// settings: two builds of one tree produce identical `.gz` files.
public enum GzipCodec {
    /// zlib's best compression level (9).
    public static let maxLevel = Int(Z_BEST_COMPRESSION)

    /// The version of the linked zlib.
    public static var libraryVersion: String { String(cString: zlibVersion()) }

    /// Compresses `input` into one gzip member.
    /// - Parameters:
    ///   - level: 0 … 9.
    ///   - memLevel: 1 … 9; 9 uses the most memory for the slightly best ratio.
    public static func compress(_ input: [UInt8], level: Int = maxLevel, memLevel: Int = 9) throws -> [UInt8] {
        guard (0...9).contains(level), (1...9).contains(memLevel) else {
            throw CompressionError(codec: "gzip", message: "level \(level) / memLevel \(memLevel) out of range")
        }
        var stream = z_stream()
        // 15 bits of window, +16 selects the gzip wrapper.
        var rc = cgh_deflateInit2(&stream, Int32(level), 15 + 16, Int32(memLevel), Z_DEFAULT_STRATEGY)
        guard rc == Z_OK else { throw CompressionError(codec: "gzip", message: "deflateInit2 failed (\(rc))") }
        defer { deflateEnd(&stream) }

        let bound = Int(deflateBound(&stream, uLong(input.count)))
        var output = [UInt8](repeating: 0, count: bound)
        var written = 0
        rc = input.withUnsafeBufferPointer { inBuf -> Int32 in
            output.withUnsafeMutableBufferPointer { outBuf -> Int32 in
                stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
                stream.avail_in = uInt(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(outBuf.count)
                let result = deflate(&stream, Z_FINISH)
                written = outBuf.count - Int(stream.avail_out)
                return result
            }
        }
        guard rc == Z_STREAM_END else {
            throw CompressionError(codec: "gzip", message: "deflate did not finish (\(rc))")
        }
        output.removeSubrange(written...)
        return output
    }

    /// Compresses with memLevel 8 and with memLevel 9 and returns the smaller result (8 on a tie). memLevel also
    /// sets zlib's block size, and neither value wins on every input; gzip is cheap next to brotli, so both are
    /// tried. Deterministic.
    public static func compressSmallest(_ input: [UInt8], level: Int = maxLevel) throws -> [UInt8] {
        let eight = try compress(input, level: level, memLevel: 8)
        let nine = try compress(input, level: level, memLevel: 9)
        return nine.count < eight.count ? nine : eight
    }

    /// Decompresses exactly one gzip member.
    /// - Parameter limit: the largest output accepted; more is an error.
    /// - Throws: `CompressionError` for a bad header, corrupt data, a CRC or length mismatch, truncation, or
    ///   trailing bytes.
    public static func decompress(_ input: [UInt8], limit: Int) throws -> [UInt8] {
        guard !input.isEmpty else { throw CompressionError(codec: "gzip", message: "empty stream") }
        var stream = z_stream()
        var rc = cgh_inflateInit2(&stream, 15 + 16)
        guard rc == Z_OK else { throw CompressionError(codec: "gzip", message: "inflateInit2 failed (\(rc))") }
        defer { inflateEnd(&stream) }

        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        return try input.withUnsafeBufferPointer { inBuf -> [UInt8] in
            stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
            stream.avail_in = uInt(inBuf.count)
            while true {
                let produced = chunk.withUnsafeMutableBufferPointer { outBuf -> Int in
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = uInt(outBuf.count)
                    rc = inflate(&stream, Z_NO_FLUSH)
                    return outBuf.count - Int(stream.avail_out)
                }
                if produced > 0 {
                    guard output.count + produced <= limit else {
                        throw CompressionError(codec: "gzip", message: "output exceeds the limit of \(limit) bytes")
                    }
                    output.append(contentsOf: chunk[0..<produced])
                }
                switch rc {
                case Z_STREAM_END:
                    guard stream.avail_in == 0 else {
                        throw CompressionError(codec: "gzip", message: "\(stream.avail_in) trailing bytes after the stream")
                    }
                    return output
                case Z_OK:
                    continue
                case Z_BUF_ERROR:
                    // No progress possible: either the output chunk was full (loop again) or the input ran out.
                    if produced > 0 { continue }
                    throw CompressionError(codec: "gzip", message: "truncated stream")
                default:
                    let text = stream.msg.map { String(cString: $0) } ?? "error \(rc)"
                    throw CompressionError(codec: "gzip", message: "corrupt stream (\(text))")
                }
            }
        }
    }
}
