extension BridgeConfiguration {
    /// Where carts, card JWEs and orders are kept.
    public struct Storage: Sendable, Hashable {
        /// `sqlite:PATH` (relative to the working directory) or `postgres://…`.
        public var url: String
        /// How long an `Idempotency-Key` and its stored response are kept.
        public var idempotencyTTL: Duration
        /// PostgreSQL: connections for queries, and separately for the cart locks each in-flight mutation holds.
        public var maxConnections: Int
        public var maxLockConnections: Int

        public init(
            url: String = "sqlite:.cartbridge/cartbridge.sqlite", idempotencyTTL: Duration = .seconds(86_400),
            maxConnections: Int = 20, maxLockConnections: Int = 50
        ) {
            self.url = url
            self.idempotencyTTL = idempotencyTTL
            self.maxConnections = maxConnections
            self.maxLockConnections = maxLockConnections
        }
    }

    /// Where CartBridge's card-encryption key pair lives (generated on first start).
    public struct CardKeys: Sendable, Hashable {
        public var directory: String

        public init(directory: String = ".cartbridge/keys") {
            self.directory = directory
        }
    }
}

extension BridgeConfiguration.Storage: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case url
        case idempotencyTTLSeconds = "idempotency_ttl_seconds"
        case maxConnections = "max_connections"
        case maxLockConnections = "max_lock_connections"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        let defaults = Self()
        url = try container.decode(.url, default: defaults.url)
        idempotencyTTL = try container.seconds(.idempotencyTTLSeconds, default: defaults.idempotencyTTL)
        maxConnections = try container.decode(.maxConnections, default: defaults.maxConnections)
        maxLockConnections = try container.decode(.maxLockConnections, default: defaults.maxLockConnections)
    }
}

extension BridgeConfiguration.CardKeys: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case directory
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        directory = try container.decode(.directory, default: Self().directory)
    }
}
