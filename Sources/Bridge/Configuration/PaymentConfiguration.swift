extension BridgeConfiguration {
    /// CartBridge's own Medusa payment provider, which carries the card (as a JWE) to the merchant.
    public struct Payment: Sendable, Hashable {
        /// The Medusa payment provider id storefronts select; every region must offer it.
        public var providerID: String
        /// How long an encrypted card waits in a payment session before it is discarded (`card_ttl_seconds`).
        public var cardTTL: Duration

        public init(providerID: String = "cartbridge", cardTTL: Duration = .seconds(3600)) {
            self.providerID = providerID
            self.cardTTL = cardTTL
        }
    }
}

extension BridgeConfiguration.Payment: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case providerID = "provider_id"
        case cardTTL = "card_ttl_seconds"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        let defaults = Self()
        providerID = try container.decode(.providerID, default: defaults.providerID)
        cardTTL = try container.seconds(.cardTTL, default: defaults.cardTTL)
    }
}
