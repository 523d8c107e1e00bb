/// Everything Gatehouse reads from `gatehouse.toml`, as plain values.
///
/// Every setting has a default (`GatehouseConfiguration()`), so an empty file or no file at all gives a working
/// development server: HTTPS on 127.0.0.1:8443 with the dev certificate from `certs/`, a plain-HTTP listener on
/// 127.0.0.1:8080 that redirects to HTTPS, and the asset build in `assets-build/` served at `/`.
/// `Examples/gatehouse.toml` documents every key with its default; a test keeps the two in step.
/// The model is pure: it never touches the files it names (the server checks those when it loads them).
public struct GatehouseConfiguration: Sendable, Equatable {
    /// `[server]`: process-wide settings.
    public var server = Server()
    /// `[listen]`: the addresses to listen on.
    public var listen = Listen()
    /// `[tls]` and `[[tls.certificate]]`: protocol policy, session resumption, certificate files and watching.
    public var tls = TLS()
    /// `[http]`: HTTP/1.1 limits and timeouts, HSTS and the HTTP→HTTPS redirect.
    public var http = HTTP()
    /// `[log]`: operational and access logs.
    public var log = Log()
    /// `[[static]]`: URL prefixes served from asset builds. Default: `/` → `assets-build`.
    public var staticMounts: [StaticMount] = [StaticMount(prefix: "/", directory: "assets-build")]
    /// `[static_options]`: how static files are held in memory and reloaded.
    public var staticOptions = StaticOptions()
    /// `[assets]`: defaults for `gatehouse assets build`.
    public var assets = Assets()
    /// `[proxy]`: request and response buffering for dynamic requests.
    public var proxy = Proxy()
    /// `[[upstream]]`: named uWSGI backend pools. Default: none (dynamic requests get 404).
    public var upstreams: [Upstream] = []
    /// `[[route]]`: URL prefixes sent to a named upstream. Default: none, meaning everything that is not static goes
    /// to the first upstream.
    public var routes: [Route] = []
    /// `[cache]` and `[[cache.rule]]`: the micro-cache for dynamic responses.
    public var cache = Cache()
    /// `[admin]`: the admin listener's credentials.
    public var admin = Admin()

    /// The defaults for every setting.
    public init() {}

    /// The file `load(path: nil)` looks for in the working directory.
    public static let defaultFileName = "gatehouse.toml"
}
