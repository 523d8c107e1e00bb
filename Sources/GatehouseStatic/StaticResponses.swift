import GatehouseHTTP
import GatehouseManifest
import NIOCore
import NIOHTTP1

/// The static responses, as pure functions of an asset and a request (the HTTP status mapping of this module
/// lives here and only here).
enum StaticResponses {
    /// GET or HEAD (`true` for HEAD); nil for any other method.
    static func method(_ request: GatewayRequest) -> Bool? {
        switch request.head.method {
        case .GET: return false
        case .HEAD: return true
        default: return nil
        }
    }

    /// The response for a listed file: 405, 406, 304, 412, 200, 206 or 416.
    static func asset(_ asset: StaticAsset, request: GatewayRequest, maxRanges: Int) -> GatewayResponse {
        prepared(asset, request: request, maxRanges: maxRanges).response
    }

    /// ``asset(_:request:maxRanges:)`` with the representation's pre-encoded header lines when the response is
    /// its plain 200 (full GET or HEAD).
    static func prepared(_ asset: StaticAsset, request: GatewayRequest, maxRanges: Int) -> PreparedStaticResponse {
        PreparedStaticResponse(select(asset, request: request, maxRanges: maxRanges))
    }

    private static func select(_ asset: StaticAsset, request: GatewayRequest,
                               maxRanges: Int) -> (GatewayResponse, ByteBuffer?) {
        guard let isHead = method(request) else { return (methodNotAllowed(), nil) }
        let fields = StaticRequestHeaders(request.head.headers)

        guard let coding = fields.acceptEncoding.negotiate(br: asset.br != nil, gzip: asset.gzip != nil,
                                                           identity: true),
              let rep = asset.representation(coding) else {
            return (notAcceptable(asset), nil)
        }

        if fields.hasPreconditions {
            switch fields.preconditions.evaluate(etag: rep.etag, lastModified: rep.lastModified, isGetOrHead: true) {
            case .proceed: break
            case .notModified:
                return (GatewayResponse(status: .notModified, headers: rep.notModifiedHeaders, body: .empty), nil)
            case .preconditionFailed:
                return (empty(.preconditionFailed, asset.varyHeaders), nil)
            }
        }

        // RFC 9110 §14.2: Range is defined for GET only.
        if !isHead, case .one(let rangeValue) = fields.range {
            let ifRange: String?
            switch fields.ifRange {
            case .absent: ifRange = nil
            case .one(let v): ifRange = v
            case .many: ifRange = ""  // invalid: never holds, so the whole file is sent
            }
            switch ByteRangeRequest.evaluate(range: rangeValue, ifRange: ifRange, size: rep.size, etag: rep.etag,
                                             lastModified: rep.lastModified, maxRanges: maxRanges) {
            case .full:
                break
            case .single(let range):
                var headers = HTTPHeaders()
                headers.reserveCapacity(rep.partialHeaders.count + 3)
                headers.add(name: "content-type", value: asset.contentType)
                headers.add(name: "content-length", value: String(range.upperBound - range.lowerBound + 1))
                headers.add(name: "content-range", value: "bytes \(range.lowerBound)-\(range.upperBound)/\(rep.size)")
                headers.add(contentsOf: rep.partialHeaders)
                return (GatewayResponse(status: .partialContent, headers: headers, body: rep.body(for: range)), nil)
            case .multiple(let ranges):
                let multipart = MultipartByteRanges(ranges: ranges, representation: rep,
                                                    partContentType: asset.contentType,
                                                    boundary: asset.multipartBoundary)
                var headers = HTTPHeaders()
                headers.reserveCapacity(rep.partialHeaders.count + 2)
                headers.add(name: "content-type", value: multipart.contentType)
                headers.add(name: "content-length", value: String(multipart.length))
                headers.add(contentsOf: rep.partialHeaders)
                return (GatewayResponse(status: .partialContent, headers: headers, body: multipart.body), nil)
            case .unsatisfiable:
                var headers = asset.varyHeaders
                headers.add(name: "content-range", value: "bytes */\(rep.size)")
                headers.add(name: "content-length", value: "0")
                return (GatewayResponse(status: .rangeNotSatisfiable, headers: headers, body: .empty), nil)
            }
        }
        return (GatewayResponse(status: .ok, headers: rep.headers, body: isHead ? .empty : rep.body), rep.headerBlock)
    }

    /// 405 with `Allow: GET, HEAD`.
    static func methodNotAllowed() -> GatewayResponse {
        GatewayResponse.text(.methodNotAllowed, "405 Method Not Allowed\n",
                             headers: HTTPHeaders([("allow", "GET, HEAD")]))
    }

    /// 406 when no stored representation is acceptable (identity refused); `Vary` always, since the answer
    /// depends on `Accept-Encoding`.
    static func notAcceptable(_ asset: StaticAsset) -> GatewayResponse {
        GatewayResponse.text(.notAcceptable, "406 Not Acceptable: no acceptable content coding\n",
                             headers: HTTPHeaders([("vary", "Accept-Encoding")]))
    }

    /// 400 for an unsafe or malformed path.
    static func badRequest(_ error: RequestPathError, _ request: GatewayRequest) -> GatewayResponse {
        GatewayResponse.text(.badRequest, "400 Bad Request: \(error)\n")
    }

    /// 404 for a path no mount serves.
    static func notFound(_ request: GatewayRequest) -> GatewayResponse {
        GatewayResponse.text(.notFound, "404 Not Found\n")
    }

    /// A bodiless response with `content-length: 0` plus `headers`.
    static func empty(_ status: HTTPResponseStatus, _ headers: HTTPHeaders) -> GatewayResponse {
        var h = headers
        h.add(name: "content-length", value: "0")
        return GatewayResponse(status: status, headers: h, body: .empty)
    }
}
