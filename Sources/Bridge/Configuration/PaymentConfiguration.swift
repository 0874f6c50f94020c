extension BridgeConfiguration {
    /// CartBridge's own Medusa payment provider, which carries the card (as a JWE) to the merchant.
    public struct Payment: Sendable, Hashable {
        /// The Medusa payment provider id storefronts select; every region must offer it.
        public var providerID: String
        /// How long an encrypted card waits in a payment session before it is discarded (`card_ttl_seconds`).
        public var cardTTL: Duration
        /// How long a merchant's card-encryption key is used before it is fetched again
        /// (`merchant_key_ttl_seconds`); a merchant refusing a card for its key refetches it at once.
        public var merchantKeyTTL: Duration

        public init(
            providerID: String = "cartbridge", cardTTL: Duration = .seconds(3600),
            merchantKeyTTL: Duration = .seconds(300)
        ) {
            self.providerID = providerID
            self.cardTTL = cardTTL
            self.merchantKeyTTL = merchantKeyTTL
        }
    }
}

extension BridgeConfiguration.Payment: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case providerID = "provider_id"
        case cardTTL = "card_ttl_seconds"
        case merchantKeyTTL = "merchant_key_ttl_seconds"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        let defaults = Self()
        providerID = try container.decode(.providerID, default: defaults.providerID)
        cardTTL = try container.seconds(.cardTTL, default: defaults.cardTTL)
        merchantKeyTTL = try container.seconds(.merchantKeyTTL, default: defaults.merchantKeyTTL)
    }
}
