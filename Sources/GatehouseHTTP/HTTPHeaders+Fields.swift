import NIOHTTP1

extension HTTPHeaders {
    /// The value of a list-valued field (`Accept-Encoding`, `If-None-Match`, …): all lines with that name joined
    /// by `", "` as RFC 9110 §5.3 allows, or nil when absent. `lowercaseName` must be lower case.
    ///
    /// With a single line (the usual case) the stored string is returned without copying.
    public func listValue(named lowercaseName: StaticString) -> String? {
        var result: String?
        for (name, value) in self where HTTPSyntax.equalsIgnoringCase(name, lowercaseName) {
            if let r = result {
                result = r + ", " + value
            } else {
                result = value
            }
        }
        return result
    }

    /// The value of a singleton field (`If-Modified-Since`, `Range`, `If-Range`, …): `.absent`, `.one(value)`, or
    /// `.many` when the field was repeated, which makes it invalid. `lowercaseName` must be lower case.
    public func singletonValue(named lowercaseName: StaticString) -> SingletonField {
        var result = SingletonField.absent
        for (name, value) in self where HTTPSyntax.equalsIgnoringCase(name, lowercaseName) {
            if case .absent = result { result = .one(value) } else { return .many }
        }
        return result
    }
}

/// The presence of a header field that may appear at most once.
public enum SingletonField: Sendable, Equatable {
    /// The field was not sent.
    case absent
    /// The field was sent once, with this value.
    case one(String)
    /// The field was sent more than once (invalid for a singleton field; callers ignore it).
    case many

    /// The value when the field was sent exactly once.
    public var value: String? {
        if case .one(let v) = self { return v }
        return nil
    }
}
