extension BridgeConfiguration {
    /// A Medusa region: a currency, a tax rate and the countries it ships to.
    public struct Region: Sendable, Hashable {
        /// `reg_…` by convention; storefronts send it back as `region_id`.
        public var id: String
        public var name: String
        /// Lower-case ISO 4217, e.g. `usd`.
        public var currencyCode: String
        /// Percent, e.g. `8.25`.
        public var taxRate: Double
        /// Lower-case ISO 3166-1 alpha-2 codes, e.g. `us`.
        public var countries: [String]
        public var paymentProviders: [String]
        public var fulfillmentProviders: [String]

        public init(
            id: String, name: String, currencyCode: String, taxRate: Double = 0, countries: [String],
            paymentProviders: [String], fulfillmentProviders: [String]
        ) {
            self.id = id
            self.name = name
            self.currencyCode = currencyCode
            self.taxRate = taxRate
            self.countries = countries
            self.paymentProviders = paymentProviders
            self.fulfillmentProviders = fulfillmentProviders
        }

        /// The fulfillment provider a region offers when its `fulfillment_providers` is left out.
        public static let defaultProvider = "cartbridge"

        /// The region a new install starts with.
        public static let unitedStates = Region(
            id: "reg_cartbridge_us", name: "United States", currencyCode: "usd", countries: ["us"],
            paymentProviders: ["cartbridge"], fulfillmentProviders: ["cartbridge"])
    }
}

extension BridgeConfiguration.Region: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name
        case currencyCode = "currency_code"
        case taxRate = "tax_rate"
        case countries
        case paymentProviders = "payment_providers"
        case fulfillmentProviders = "fulfillment_providers"
    }

    /// Currency and country codes are lower-cased, as Medusa stores them.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        currencyCode = try container.decode(String.self, forKey: .currencyCode).lowercased()
        taxRate = try container.decode(.taxRate, default: 0)
        countries = try container.decode([String].self, forKey: .countries).map { $0.lowercased() }
        // Left out: CartBridge's own providers (the payment one is `payment.provider_id`, filled in by the
        // configuration once it is known).
        paymentProviders = try container.decode(.paymentProviders, default: [])
        fulfillmentProviders = try container.decode(.fulfillmentProviders, default: [Self.defaultProvider])
    }
}
