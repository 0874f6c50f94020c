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

    /// Defaults are the configuration's (`BridgeConfiguration.Server()`): 127.0.0.1:9000, 1 MiB bodies.
    public init(
        host: String = BridgeConfiguration.Server().host, port: Int = BridgeConfiguration.Server().port,
        maxBodyBytes: Int = BridgeConfiguration.Server().maxBodyBytes,
        allowedOrigins: AllowedOrigins = AllowedOrigins(storeCORS: BridgeConfiguration.Server().storeCORS)
    ) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.allowedOrigins = allowedOrigins
    }

    /// The options the `server` section of the configuration describes.
    public init(_ server: BridgeConfiguration.Server) {
        self.init(
            host: server.host, port: server.port, maxBodyBytes: server.maxBodyBytes,
            allowedOrigins: AllowedOrigins(storeCORS: server.storeCORS))
    }
}
