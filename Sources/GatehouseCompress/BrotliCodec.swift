import CGatehouseBrotli

/// One-shot brotli compression and bounded decompression over libbrotli (the system `libbrotlienc`/`libbrotlidec`).
public enum BrotliCodec {
    /// The kind of data, a hint the encoder uses for its models.
    public enum Mode: Sendable, Equatable {
        /// Anything.
        case generic
        /// UTF-8 text (HTML, CSS, JavaScript, JSON, SVG).
        case text
        /// WOFF 2.0 / TrueType font data.
        case font

        var cValue: BrotliEncoderMode {
            switch self {
            case .generic: return BROTLI_MODE_GENERIC
            case .text: return BROTLI_MODE_TEXT
            case .font: return BROTLI_MODE_FONT
            }
        }
    }

    /// The highest quality the encoder offers (11).
    public static let maxQuality = Int(BROTLI_MAX_QUALITY)

    /// The version of the linked encoder, as `major.minor.patch`.
    public static var encoderVersion: String { versionString(BrotliEncoderVersion()) }

    /// The window (`lgwin`, log2 of the window size) for an input of `size` bytes: the smallest window that covers
    /// the input (brotli's window holds `2^lgwin - 16` bytes), but never below 16, and 18 instead of 17. The stream
    /// header spends 1 bit on lgwin 16, 4 bits on 18…24 and 7 bits on 10…15 and 17, so these choices never cost a
    /// byte against the encoder's default of 22; for inputs smaller than the window the body is the same, and the
    /// reference decoder sizes its ring buffer to a small final meta-block, not to the window.
    public static func window(forSize size: Int) -> Int {
        var bits = 16
        let maxBits = Int(BROTLI_MAX_WINDOW_BITS)
        while bits < maxBits && (1 << bits) - 16 < size { bits += 1 }
        return bits == 17 ? 18 : bits
    }

    /// Compresses `input` in one shot.
    /// - Parameters:
    ///   - quality: 0 … 11.
    ///   - window: `lgwin`; `nil` picks `window(forSize: input.count)`.
    ///   - mode: a hint about the data.
    public static func compress(_ input: [UInt8], quality: Int = maxQuality, window: Int? = nil,
                                mode: Mode = .generic) throws -> [UInt8] {
        let lgwin = window ?? Self.window(forSize: input.count)
        guard (Int(BROTLI_MIN_QUALITY)...Int(BROTLI_MAX_QUALITY)).contains(quality) else {
            throw CompressionError(codec: "brotli", message: "quality \(quality) is outside 0...11")
        }
        guard (Int(BROTLI_MIN_WINDOW_BITS)...Int(BROTLI_MAX_WINDOW_BITS)).contains(lgwin) else {
            throw CompressionError(codec: "brotli", message: "window \(lgwin) is outside 10...24")
        }
        let bound = BrotliEncoderMaxCompressedSize(input.count)
        // 0 means "too large to bound"; brotli's bound is tiny over the input otherwise.
        var capacity = bound == 0 ? input.count + input.count / 2 + 1024 : bound
        var output = [UInt8](repeating: 0, count: capacity)
        let ok = input.withUnsafeBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                BrotliEncoderCompress(Int32(quality), Int32(lgwin), mode.cValue, inBuf.count, inBuf.baseAddress,
                                      &capacity, outBuf.baseAddress)
            }
        }
        guard ok == BROTLI_TRUE else {
            throw CompressionError(codec: "brotli", message: "encoder failed on \(input.count) bytes")
        }
        output.removeSubrange(capacity...)
        return output
    }

    /// Decompresses a complete brotli stream.
    /// - Parameter limit: the largest output accepted; a stream that would produce more is an error (no bombs).
    /// - Throws: `CompressionError` for corrupt, truncated or over-long input, or trailing bytes.
    public static func decompress(_ input: [UInt8], limit: Int) throws -> [UInt8] {
        guard !input.isEmpty else { throw CompressionError(codec: "brotli", message: "empty stream") }
        guard let state = BrotliDecoderCreateInstance(nil, nil, nil) else {
            throw CompressionError(codec: "brotli", message: "cannot create a decoder")
        }
        defer { BrotliDecoderDestroyInstance(state) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        return try input.withUnsafeBufferPointer { inBuf -> [UInt8] in
            var availableIn = inBuf.count
            var nextIn = inBuf.baseAddress
            while true {
                var availableOut = chunk.count
                let result = chunk.withUnsafeMutableBufferPointer { outBuf -> BrotliDecoderResult in
                    var nextOut = outBuf.baseAddress
                    return BrotliDecoderDecompressStream(state, &availableIn, &nextIn, &availableOut, &nextOut, nil)
                }
                let produced = chunk.count - availableOut
                if produced > 0 {
                    guard output.count + produced <= limit else {
                        throw CompressionError(codec: "brotli", message: "output exceeds the limit of \(limit) bytes")
                    }
                    output.append(contentsOf: chunk[0..<produced])
                }
                switch result {
                case BROTLI_DECODER_RESULT_SUCCESS:
                    guard availableIn == 0 else {
                        throw CompressionError(codec: "brotli", message: "\(availableIn) trailing bytes after the stream")
                    }
                    return output
                case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT:
                    continue
                case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT:
                    throw CompressionError(codec: "brotli", message: "truncated stream")
                default:
                    let code = BrotliDecoderGetErrorCode(state)
                    let text = BrotliDecoderErrorString(code).map { String(cString: $0) } ?? "error \(code.rawValue)"
                    throw CompressionError(codec: "brotli", message: "corrupt stream (\(text))")
                }
            }
        }
    }

    private static func versionString(_ v: UInt32) -> String { "\(v >> 24).\((v >> 12) & 0xFFF).\(v & 0xFFF)" }
}
