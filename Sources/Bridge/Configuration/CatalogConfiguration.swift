extension BridgeConfiguration {
    /// How long merchant catalogs are trusted, and which Medusa ids stay fixed.
    public struct Catalog: Sendable, Hashable {
        /// How long a merchant's catalog is cached (`ttl_seconds`).
        public var ttl: Duration
        /// JSON file of Medusa ids pinned to merchant products and variants.
        public var pinnedIDs: String

        public init(ttl: Duration = .seconds(300), pinnedIDs: String = "mappings/pinned-ids.json") {
            self.ttl = ttl
            self.pinnedIDs = pinnedIDs
        }
    }

    /// When a stored merchant cart snapshot may answer a read instead of the merchant.
    public struct Snapshot: Sendable, Hashable {
        /// `max_age_ms`; zero always asks the merchant.
        public var maxAge: Duration

        public init(maxAge: Duration = .zero) {
            self.maxAge = maxAge
        }
    }
}

extension BridgeConfiguration.Catalog: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case ttl = "ttl_seconds"
        case pinnedIDs = "pinned_ids"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        let defaults = Self()
        ttl = try container.seconds(.ttl, default: defaults.ttl)
        pinnedIDs = try container.decode(.pinnedIDs, default: defaults.pinnedIDs)
    }
}

extension BridgeConfiguration.Snapshot: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case maxAge = "max_age_ms"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        maxAge = try container.milliseconds(.maxAge, default: Self().maxAge)
    }
}
