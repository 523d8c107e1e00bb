import NIOHTTP1

/// The outcome of evaluating a request's preconditions.
public enum PreconditionResult: Sendable, Equatable {
    /// No precondition stops the request: answer normally (ranges may still apply).
    case proceed
    /// Answer 304 Not Modified (GET/HEAD whose cached copy is current).
    case notModified
    /// Answer 412 Precondition Failed.
    case preconditionFailed
}

/// The conditional header fields of a request (RFC 9110 §13.1) and their evaluation in the order of §13.2.2.
///
/// Invalid dates, and date fields sent more than once, are ignored as the RFC requires. Entity-tag lists are
/// compared without allocating.
public struct RequestPreconditions: Sendable, Equatable {
    /// `If-Match` (all lines joined), if sent.
    public var ifMatch: String?
    /// `If-None-Match` (all lines joined), if sent.
    public var ifNoneMatch: String?
    /// `If-Modified-Since`, if sent exactly once.
    public var ifModifiedSince: String?
    /// `If-Unmodified-Since`, if sent exactly once.
    public var ifUnmodifiedSince: String?

    /// Makes preconditions from field values.
    public init(ifMatch: String? = nil, ifNoneMatch: String? = nil, ifModifiedSince: String? = nil,
                ifUnmodifiedSince: String? = nil) {
        self.ifMatch = ifMatch
        self.ifNoneMatch = ifNoneMatch
        self.ifModifiedSince = ifModifiedSince
        self.ifUnmodifiedSince = ifUnmodifiedSince
    }

    /// Reads the four fields from request headers.
    public init(headers: HTTPHeaders) {
        self.init(ifMatch: headers.listValue(named: "if-match"),
                  ifNoneMatch: headers.listValue(named: "if-none-match"),
                  ifModifiedSince: headers.singletonValue(named: "if-modified-since").value,
                  ifUnmodifiedSince: headers.singletonValue(named: "if-unmodified-since").value)
    }

    /// True when the request has no conditional field.
    public var isEmpty: Bool {
        ifMatch == nil && ifNoneMatch == nil && ifModifiedSince == nil && ifUnmodifiedSince == nil
    }

    /// Evaluates the preconditions against the selected representation, in RFC 9110 §13.2.2 order:
    /// 1. `If-Match` (strong comparison) fails → 412; else, without `If-Match`, `If-Unmodified-Since` older than
    ///    `lastModified` → 412;
    /// 2. `If-None-Match` (weak comparison) matches → 304 for GET/HEAD, 412 otherwise; else, without
    ///    `If-None-Match`, for GET/HEAD, `If-Modified-Since` not older than `lastModified` → 304.
    ///
    /// - Parameters:
    ///   - etag: the representation's entity tag as sent (`"abc"`), or nil when it has none.
    ///   - lastModified: its modification time in seconds since the epoch, or nil when unknown.
    ///   - isGetOrHead: whether the method is GET or HEAD.
    public func evaluate(etag: String?, lastModified: Int64?, isGetOrHead: Bool) -> PreconditionResult {
        if let ifMatch {
            guard let etag, EntityTagList.matches(fieldValue: ifMatch, etag: etag, .strong) else {
                return .preconditionFailed
            }
        } else if let ifUnmodifiedSince, let lastModified, let date = HTTPDate.parse(ifUnmodifiedSince) {
            if lastModified > date { return .preconditionFailed }
        }
        if let ifNoneMatch {
            let matched: Bool
            if let etag {
                matched = EntityTagList.matches(fieldValue: ifNoneMatch, etag: etag, .weak)
            } else {
                matched = EntityTagList.forEachElement(ifNoneMatch) { _, _ in false }  // only `*`
            }
            if matched { return isGetOrHead ? .notModified : .preconditionFailed }
        } else if isGetOrHead, let ifModifiedSince, let lastModified, let date = HTTPDate.parse(ifModifiedSince) {
            if lastModified <= date { return .notModified }
        }
        return .proceed
    }
}
