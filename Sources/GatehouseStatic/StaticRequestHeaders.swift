import GatehouseHTTP
import NIOHTTP1

/// The request fields the static responder reads, collected in one pass over the headers without allocating
/// (values are the stored strings; repeated list fields are joined).
struct StaticRequestHeaders {
    var acceptEncoding = AcceptEncoding.absent
    var ifMatch: String?
    var ifNoneMatch: String?
    var ifModifiedSince = SingletonField.absent
    var ifUnmodifiedSince = SingletonField.absent
    var range = SingletonField.absent
    var ifRange = SingletonField.absent

    init(_ headers: HTTPHeaders) {
        for (name, value) in headers {
            switch name.utf8.count {
            case 5:
                if HTTPFieldName.matches(name, "range") { Self.set(&range, value) }
            case 8:
                if HTTPFieldName.matches(name, "if-match") {
                    Self.append(&ifMatch, value)
                } else if HTTPFieldName.matches(name, "if-range") {
                    Self.set(&ifRange, value)
                }
            case 13:
                if HTTPFieldName.matches(name, "if-none-match") { Self.append(&ifNoneMatch, value) }
            case 15:
                if HTTPFieldName.matches(name, "accept-encoding") { acceptEncoding.add(fieldValue: value) }
            case 17:
                if HTTPFieldName.matches(name, "if-modified-since") { Self.set(&ifModifiedSince, value) }
            case 19:
                if HTTPFieldName.matches(name, "if-unmodified-since") { Self.set(&ifUnmodifiedSince, value) }
            default:
                break
            }
        }
    }

    var preconditions: RequestPreconditions {
        RequestPreconditions(ifMatch: ifMatch, ifNoneMatch: ifNoneMatch, ifModifiedSince: ifModifiedSince.value,
                             ifUnmodifiedSince: ifUnmodifiedSince.value)
    }

    var hasPreconditions: Bool {
        ifMatch != nil || ifNoneMatch != nil || ifModifiedSince != .absent || ifUnmodifiedSince != .absent
    }

    private static func set(_ field: inout SingletonField, _ value: String) {
        field = field == .absent ? .one(value) : .many
    }

    private static func append(_ field: inout String?, _ value: String) {
        if let f = field { field = f + ", " + value } else { field = value }
    }
}
