import Bridge

/// How the HTTP edge listens and what it accepts.
public struct ServerOptions: Sendable, Hashable {
    public var host: String
    /// 0 asks the system for a free port; `onServerRunning` reports the real one.
    public var port: Int
    /// Request bodies above this size are refused with 413 in Medusa's error envelope.
    public var maxBodyBytes: Int
    /// Browser origins allowed to call the store API.
    public var allowedOrigins: AllowedOrigins
    /// `x-publishable-api-key` values a `/store` request must carry one of; empty requires none.
    public var publishableKeys: Set<String>
    /// The per-client limit on completion and payment-session updates (off unless configured).
    public var rateLimit: BridgeConfiguration.RateLimit
    /// How long in-flight requests may finish after a graceful shutdown starts.
    public var shutdownTimeout: Duration
    /// When set, `/metrics` and `/health/ready` are served only by an admin listener on this port (and
    /// `adminHost`), not on the storefront port.
    public var adminPort: Int?
    public var adminHost: String

    /// Defaults are the configuration's (`BridgeConfiguration.Server()`): 127.0.0.1:9000, 1 MiB bodies.
    public init(
        host: String = BridgeConfiguration.Server().host, port: Int = BridgeConfiguration.Server().port,
        maxBodyBytes: Int = BridgeConfiguration.Server().maxBodyBytes,
        allowedOrigins: AllowedOrigins = AllowedOrigins(storeCORS: BridgeConfiguration.Server().storeCORS),
        publishableKeys: Set<String> = [], rateLimit: BridgeConfiguration.RateLimit = BridgeConfiguration.RateLimit(),
        shutdownTimeout: Duration = BridgeConfiguration.Server().shutdownTimeout, adminPort: Int? = nil,
        adminHost: String = BridgeConfiguration.Server().adminHost
    ) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.allowedOrigins = allowedOrigins
        self.publishableKeys = publishableKeys
        self.rateLimit = rateLimit
        self.shutdownTimeout = shutdownTimeout
        self.adminPort = adminPort
        self.adminHost = adminHost
    }

    /// The options the `server` and `rate_limit` sections of the configuration describe.
    public init(_ configuration: BridgeConfiguration) {
        let server = configuration.server
        self.init(
            host: server.host, port: server.port, maxBodyBytes: server.maxBodyBytes,
            allowedOrigins: AllowedOrigins(storeCORS: server.storeCORS),
            publishableKeys: Set(server.publishableKeys.commaSeparatedItems),
            rateLimit: configuration.rateLimit, shutdownTimeout: server.shutdownTimeout, adminPort: server.adminPort,
            adminHost: server.adminHost)
    }
}
