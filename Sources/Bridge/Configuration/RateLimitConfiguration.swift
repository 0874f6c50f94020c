extension BridgeConfiguration {
    /// Limits against card testing. Per cart (on by default): completions declined within an hour. Per client
    /// address (opt-in): a token bucket on the card-carrying routes. A storefront rendered on its own server
    /// sends every shopper's requests from one address, so the per-address limit is off unless configured.
    public struct RateLimit: Sendable, Hashable {
        /// Declined completions a cart may have within an hour before further attempts get 429; 0 turns it off.
        public var declinedCompletionsPerHour: Int
        /// Sustained rate per client address; 0 (the default) turns the limit off.
        public var requestsPerMinute: Int
        /// Requests a client may make at once before the sustained rate applies.
        public var burst: Int
        /// Client buckets kept at most; the longest idle ones are dropped first, so memory stays bounded.
        public var maxClients: Int
        /// Use the last `X-Forwarded-For` address (the one the proxy in front added) instead of the peer's.
        /// Only safe behind a proxy that sets it.
        public var trustForwardedFor: Bool

        public init(
            declinedCompletionsPerHour: Int = 5, requestsPerMinute: Int = 0, burst: Int = 30, maxClients: Int = 10_000,
            trustForwardedFor: Bool = false
        ) {
            self.declinedCompletionsPerHour = declinedCompletionsPerHour
            self.requestsPerMinute = requestsPerMinute
            self.burst = burst
            self.maxClients = maxClients
            self.trustForwardedFor = trustForwardedFor
        }
    }
}

extension BridgeConfiguration.RateLimit: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case declinedCompletionsPerHour = "declined_completions_per_hour"
        case requestsPerMinute = "requests_per_minute"
        case burst
        case maxClients = "max_clients"
        case trustForwardedFor = "trust_forwarded_for"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        let defaults = Self()
        declinedCompletionsPerHour = try container.decode(
            .declinedCompletionsPerHour, default: defaults.declinedCompletionsPerHour)
        requestsPerMinute = try container.decode(.requestsPerMinute, default: defaults.requestsPerMinute)
        burst = try container.decode(.burst, default: defaults.burst)
        maxClients = try container.decode(.maxClients, default: defaults.maxClients)
        trustForwardedFor = try container.decode(.trustForwardedFor, default: defaults.trustForwardedFor)
    }
}
