extension BridgeConfiguration {
    /// A per-client token bucket on the card-carrying routes (completion and payment-session updates), so
    /// one address cannot test cards at speed.
    public struct RateLimit: Sendable, Hashable {
        /// Sustained rate per client address; 0 turns the limit off.
        public var requestsPerMinute: Int
        /// Requests a client may make at once before the sustained rate applies.
        public var burst: Int
        /// Client buckets kept at most; the longest idle ones are dropped first, so memory stays bounded.
        public var maxClients: Int
        /// Use the last `X-Forwarded-For` address (the one the proxy in front added) instead of the peer's.
        /// Only safe behind a proxy that sets it.
        public var trustForwardedFor: Bool

        public init(
            requestsPerMinute: Int = 60, burst: Int = 30, maxClients: Int = 10_000, trustForwardedFor: Bool = false
        ) {
            self.requestsPerMinute = requestsPerMinute
            self.burst = burst
            self.maxClients = maxClients
            self.trustForwardedFor = trustForwardedFor
        }
    }
}

extension BridgeConfiguration.RateLimit: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case requestsPerMinute = "requests_per_minute"
        case burst
        case maxClients = "max_clients"
        case trustForwardedFor = "trust_forwarded_for"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        let defaults = Self()
        requestsPerMinute = try container.decode(.requestsPerMinute, default: defaults.requestsPerMinute)
        burst = try container.decode(.burst, default: defaults.burst)
        maxClients = try container.decode(.maxClients, default: defaults.maxClients)
        trustForwardedFor = try container.decode(.trustForwardedFor, default: defaults.trustForwardedFor)
    }
}
