extension BridgeConfiguration {
    /// The Medusa-compatible HTTP edge.
    public struct Server: Sendable, Hashable {
        public var host: String
        /// Medusa's own port by default, so a storefront only changes its backend URL. 0 picks a free port.
        public var port: Int
        /// Larger request bodies are refused with 413.
        public var maxBodyBytes: Int
        /// Medusa's `store_cors`: comma-separated origins allowed to call the store API; `*` allows any.
        public var storeCORS: String
        /// Comma-separated `x-publishable-api-key` values accepted on `/store`; empty accepts any request,
        /// as Medusa v1 does.
        public var publishableKeys: String
        /// How long in-flight requests may run after SIGTERM or SIGINT before they are cancelled
        /// (`shutdown_timeout_seconds`).
        public var shutdownTimeout: Duration

        public init(
            host: String = "127.0.0.1", port: Int = 9000, maxBodyBytes: Int = 1 << 20,
            storeCORS: String = "http://localhost:8000,http://localhost:7001", publishableKeys: String = "",
            shutdownTimeout: Duration = .seconds(30)
        ) {
            self.host = host
            self.port = port
            self.maxBodyBytes = maxBodyBytes
            self.storeCORS = storeCORS
            self.publishableKeys = publishableKeys
            self.shutdownTimeout = shutdownTimeout
        }
    }
}

extension BridgeConfiguration.Server: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case host, port
        case maxBodyBytes = "max_body_bytes"
        case storeCORS = "store_cors"
        case publishableKeys = "publishable_keys"
        case shutdownTimeout = "shutdown_timeout_seconds"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        let defaults = Self()
        host = try container.decode(.host, default: defaults.host)
        port = try container.decode(.port, default: defaults.port)
        maxBodyBytes = try container.decode(.maxBodyBytes, default: defaults.maxBodyBytes)
        storeCORS = try container.decode(.storeCORS, default: defaults.storeCORS)
        publishableKeys = try container.decode(.publishableKeys, default: defaults.publishableKeys)
        shutdownTimeout = try container.seconds(.shutdownTimeout, default: defaults.shutdownTimeout)
    }
}
