/// The value of the cache status header (`X-Cache-Status` by default), with nginx's meanings.
public enum CacheStatus: String, Sendable {
    /// Served fresh from the cache (also a request that waited for another's fetch of the same key).
    case hit = "HIT"
    /// Not in the cache: fetched from the upstream.
    case miss = "MISS"
    /// In the cache but expired: fetched again from the upstream.
    case expired = "EXPIRED"
    /// Served an expired copy: the upstream failed, or this request started a background refresh.
    case stale = "STALE"
    /// Served an expired copy while another request's refresh is in flight.
    case updating = "UPDATING"
    /// The request was not eligible for the cache (method, session cookie, Authorization, route).
    case bypass = "BYPASS"
}
