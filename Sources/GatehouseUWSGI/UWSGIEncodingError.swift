/// Why a uwsgi request packet could not be encoded.
public enum UWSGIEncodingError: Error, Equatable, CustomStringConvertible {
    /// The vars block would be `size` bytes, over `limit` (the backend's `buffer_size`, at most 65535).
    case blockTooBig(size: Int, limit: Int)
    /// A single key or value is longer than the 16-bit length field allows.
    case fieldTooLong(length: Int)

    public var description: String {
        switch self {
        case .blockTooBig(let size, let limit):
            return "uwsgi vars block is \(size) bytes, over the limit of \(limit)"
        case .fieldTooLong(let length):
            return "uwsgi variable of \(length) bytes exceeds 65535"
        }
    }
}
