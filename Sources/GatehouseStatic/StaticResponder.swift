import GatehouseHTTP
import Logging
import NIOCore
import NIOHTTP1

/// Serves the builds of one or more ``StaticMount``s, each from its current ``AssetIndex``.
///
/// Routing: call ``match(_:)`` first. nil means "not a static path" (no mount claims it, the manifest does not
/// list it, or it is a dotfile): send the request to the dynamic backend (or answer 404). A non-nil match is
/// answered by ``response(for:request:)`` synchronously, with no I/O. ``respond(to:body:eventLoop:logger:)``
/// (the ``Responder`` conformance) does both and answers 404 for a nil match.
///
/// Indexes are swapped atomically with ``swap(_:)``; a match holds the asset of the snapshot it was taken from,
/// so a request that started before a swap finishes with the old bytes and headers.
public final class StaticResponder: Responder {
    /// The configuration the indexes were built with (ranges cap, redirect status).
    public let configuration: StaticConfiguration
    /// Mounts, longest prefix first.
    private let slots: [IndexReference]

    /// Serves the given indexes (one per mount; a later index for the same prefix replaces an earlier one).
    public init(indexes: [AssetIndex], configuration: StaticConfiguration = StaticConfiguration()) {
        self.configuration = configuration
        var byPrefix: [String: AssetIndex] = [:]
        for index in indexes { byPrefix[index.mount.prefix] = index }
        self.slots = byPrefix.values
            .sorted { $0.mount.prefix.utf8.count > $1.mount.prefix.utf8.count }
            .map(IndexReference.init)
    }

    /// Builds an index for every mount (blocking: run off the event loop) and serves them.
    /// - Throws: the first ``AssetIndexError``.
    public convenience init(mounts: [StaticMount], configuration: StaticConfiguration = StaticConfiguration()) throws {
        let indexes = try mounts.map { try AssetIndex.build(mount: $0, configuration: configuration) }
        self.init(indexes: indexes, configuration: configuration)
    }

    /// The mounts served, longest prefix first.
    public var mounts: [StaticMount] { slots.map(\.mount) }

    /// The current index of the mount with `prefix` (normalised as ``StaticMount`` does).
    public func index(forPrefix prefix: String) -> AssetIndex? {
        let wanted = StaticMount(prefix: prefix, directory: "").prefix
        return slots.first { $0.mount.prefix == wanted }?.index
    }

    /// Publishes a new index for its mount's prefix. Returns the replaced index, or nil when no mount has that
    /// prefix (nothing changes then).
    @discardableResult
    public func swap(_ index: AssetIndex) -> AssetIndex? {
        guard let slot = slots.first(where: { $0.mount.prefix == index.mount.prefix }) else { return nil }
        return slot.swap(index)
    }

    // MARK: Routing

    /// Decides whether the static server answers `request` (see ``StaticMatch``); nil → not static. A target
    /// that is not in origin form (`*`, `http://host/x`) is never static.
    /// Costs a path normalisation, a lock-protected read and a dictionary lookup; no I/O.
    public func match(_ request: GatewayRequest) -> StaticMatch? {
        match(rawPath: request.rawPath)
    }

    /// ``match(_:)`` for a raw (percent-encoded) path.
    public func match(rawPath: Substring) -> StaticMatch? {
        let path: RequestPath
        do {
            path = try RequestPath(normalizing: rawPath)
        } catch let error as RequestPathError {
            // `*` (OPTIONS) and absolute-form targets are not paths this server maps to files: not static.
            return error.code == .notOriginForm ? nil : .invalidPath(error)
        } catch {
            return .invalidPath(RequestPathError(.badPercentEncoding))
        }
        if path.containsDotfile { return nil }
        guard let slot = slots.first(where: { $0.mount.contains(path.path) }) else { return nil }
        switch slot.index.entry(for: path.path) {
        case .asset(let asset)?: return .asset(asset)
        case .redirect(let location)?: return .redirect(location: location)
        case nil: return nil
        }
    }

    // MARK: Responder

    /// Answers `request`: the static response when ``match(_:)`` claims it, 404 otherwise.
    public func respond(to request: GatewayRequest, body: RequestBody, eventLoop: EventLoop,
                        logger: Logger) -> EventLoopFuture<GatewayResponse> {
        guard let match = match(request) else {
            return eventLoop.makeSucceededFuture(StaticResponses.notFound(request))
        }
        return eventLoop.makeSucceededFuture(response(for: match, request: request))
    }

    /// ``response(for:request:)`` with the pre-encoded header lines of a plain 200 (see ``PreparedStaticResponse``),
    /// for the server's fast path. Synchronous, no I/O.
    public func prepared(for match: StaticMatch, request: GatewayRequest) -> PreparedStaticResponse {
        if case .asset(let asset) = match {
            return StaticResponses.prepared(asset, request: request, maxRanges: configuration.maxRanges)
        }
        return PreparedStaticResponse((response(for: match, request: request), nil))
    }

    /// The response for a match (synchronous, no I/O: file-backed bodies are described, not read).
    public func response(for match: StaticMatch, request: GatewayRequest) -> GatewayResponse {
        switch match {
        case .invalidPath(let error):
            return StaticResponses.badRequest(error, request)
        case .redirect(let location):
            guard StaticResponses.method(request) != nil else { return StaticResponses.methodNotAllowed() }
            var headers = HTTPHeaders()
            if let query = request.query {
                headers.add(name: "location", value: location + "?" + query)
            } else {
                headers.add(name: "location", value: location)
            }
            headers.add(name: "content-length", value: "0")
            return GatewayResponse(status: configuration.directoryRedirectStatus, headers: headers, body: .empty)
        case .asset(let asset):
            return StaticResponses.asset(asset, request: request, maxRanges: configuration.maxRanges)
        }
    }
}
