import BridgeStore
import CardCrypto

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

    /// Where CartBridge's card-encryption keys live. With SQLite a first key is generated when the folder has
    /// none; with PostgreSQL (several instances) never: they must share keys made with `cartbridge keys`.
    public struct CardKeys: Sendable, Hashable {
        public var directory: String
        /// Keys older than this (by the time in their kid, else their file's) are refused.
        public var retireAfter: Duration
        /// The folder is read again this often (and on SIGHUP), so a new key is used without a restart.
        public var rescanInterval: Duration

        public init(
            directory: String = ".cartbridge/keys", retireAfter: Duration = .seconds(365 * 86_400),
            rescanInterval: Duration = .seconds(60)
        ) {
            self.directory = directory
            self.retireAfter = retireAfter
            self.rescanInterval = rescanInterval
        }
    }
}

extension BridgeConfiguration {
    /// When a card key stops decrypting: past `keys.retire_after_days`, and only once its successor has been out
    /// for a card's lifetime plus one rescan (every instance has published it, every card under the old key
    /// has been used or has expired).
    public var keyRetirement: KeyRetirement {
        KeyRetirement(retireAfter: keys.retireAfter, supersededGrace: payment.cardTTL + keys.rescanInterval)
    }
}

extension BridgeConfiguration.Storage {
    /// SQLite: one process, which may generate its own card key. PostgreSQL (several instances) must share keys.
    public var isSingleInstance: Bool {
        switch try? StorageURL(parsing: url) {
        case .sqliteFile?, .sqliteInMemory?: true
        case .postgres?, nil: false
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
        case retireAfterDays = "retire_after_days"
        case rescanSeconds = "rescan_seconds"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        let defaults = Self()
        directory = try container.decode(.directory, default: defaults.directory)
        let days = try container.decode(.retireAfterDays, default: Int(defaults.retireAfter.components.seconds / 86_400))
        retireAfter = .seconds(days * 86_400)
        rescanInterval = try container.seconds(.rescanSeconds, default: defaults.rescanInterval)
    }
}
