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
        /// When set, `/metrics` and `/health/ready` are served on this port (on `adminHost`) instead of the
        /// storefront port; `/health` stays on both.
        public var adminPort: Int?
        public var adminHost: String
        /// How long a cart read waits for a cart another request holds before answering from the stored cart.
        public var readLockWait: Duration
        /// How long a cart change waits for it before answering 409 (which medusa-js retries).
        public var writeLockWait: Duration

        public init(
            host: String = "127.0.0.1", port: Int = 9000, maxBodyBytes: Int = 1 << 20,
            storeCORS: String = "http://localhost:8000,http://localhost:7001", publishableKeys: String = "",
            shutdownTimeout: Duration = .seconds(30), adminPort: Int? = nil, adminHost: String = "127.0.0.1",
            readLockWait: Duration = .milliseconds(250), writeLockWait: Duration = .seconds(10)
        ) {
            self.host = host
            self.port = port
            self.maxBodyBytes = maxBodyBytes
            self.storeCORS = storeCORS
            self.publishableKeys = publishableKeys
            self.shutdownTimeout = shutdownTimeout
            self.adminPort = adminPort
            self.adminHost = adminHost
            self.readLockWait = readLockWait
            self.writeLockWait = writeLockWait
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
        case adminPort = "admin_port"
        case adminHost = "admin_host"
        case readLockWait = "read_lock_wait_ms"
        case writeLockWait = "write_lock_wait_ms"
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
        adminPort = try container.decodeIfPresent(Int.self, forKey: .adminPort)
        adminHost = try container.decode(.adminHost, default: defaults.adminHost)
        readLockWait = try container.milliseconds(.readLockWait, default: defaults.readLockWait)
        writeLockWait = try container.milliseconds(.writeLockWait, default: defaults.writeLockWait)
    }
}
