import GatehouseManifest
import NIOHTTP1

/// One servable URL path of a build: its content type, validators and representations.
///
/// Immutable; belongs to the ``AssetIndex`` snapshot that built it, so a request holding it keeps serving
/// consistent bytes and headers even after the index is swapped.
public final class StaticAsset: Sendable {
    /// The URL path this asset answers (mount prefix included), e.g. `/static/css/site.css`.
    public let urlPath: String
    /// The manifest key (path relative to the build directory).
    public let manifestPath: String
    /// `Content-Type`.
    public let contentType: String
    /// Fingerprinted: cached for a year.
    public let immutable: Bool
    /// The unencoded representation (always present).
    public let identity: StaticRepresentation
    /// The gzip representation, when the build kept one.
    public let gzip: StaticRepresentation?
    /// The brotli representation, when the build kept one.
    public let br: StaticRepresentation?
    /// The codings available, for negotiation.
    public let codings: Set<ContentCoding>
    /// Boundary for `multipart/byteranges` responses (random per index build).
    let multipartBoundary: String
    /// Headers added to every error-ish response about this path (406, 412, 416): `vary` when it has variants.
    let varyHeaders: HTTPHeaders

    init(urlPath: String, manifestPath: String, contentType: String, immutable: Bool,
         identity: StaticRepresentation, gzip: StaticRepresentation?, br: StaticRepresentation?,
         multipartBoundary: String) {
        self.multipartBoundary = multipartBoundary
        self.urlPath = urlPath
        self.manifestPath = manifestPath
        self.contentType = contentType
        self.immutable = immutable
        self.identity = identity
        self.gzip = gzip
        self.br = br
        var codings: Set<ContentCoding> = [.identity]
        if gzip != nil { codings.insert(.gzip) }
        if br != nil { codings.insert(.br) }
        self.codings = codings
        self.varyHeaders = codings.count > 1 ? HTTPHeaders([("vary", "Accept-Encoding")]) : HTTPHeaders()
    }

    /// True when the path has encoded variants, so every response about it carries `Vary: Accept-Encoding`.
    public var hasVariants: Bool { codings.count > 1 }

    /// The representation for `coding`, if stored.
    public func representation(_ coding: ContentCoding) -> StaticRepresentation? {
        switch coding {
        case .identity: return identity
        case .gzip: return gzip
        case .br: return br
        }
    }
}
