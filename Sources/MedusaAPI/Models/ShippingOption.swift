import Foundation

/// A way to ship a shipping profile's items in a region (`so_...`).
public struct ShippingOption: Codable, Hashable, Sendable {
    public enum PriceType: String, Codable, Hashable, Sendable {
        case flatRate = "flat_rate"
        case calculated
    }

    public var id: String
    public var name: String
    public var regionID: String
    public var profileID: String
    public var providerID: String
    public var priceType: PriceType
    /// Minor units; `nil` for a calculated option not yet priced.
    @Nullable public var amount: Int?
    public var isReturn: Bool
    public var adminOnly: Bool
    public var requirements: [ShippingOptionRequirement]
    public var data: JSONObject
    public var includesTax: Bool
    public var createdAt: Date
    public var updatedAt: Date
    @Nullable public var deletedAt: Date?
    @Nullable public var metadata: JSONObject?

    public init(
        id: String,
        name: String,
        regionID: String,
        profileID: String,
        providerID: String,
        priceType: PriceType = .flatRate,
        amount: Int?,
        requirements: [ShippingOptionRequirement] = [],
        data: JSONObject = [:],
        includesTax: Bool = false,
        metadata: JSONObject? = nil,
        createdAt: Date,
        updatedAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.regionID = regionID
        self.profileID = profileID
        self.providerID = providerID
        self.priceType = priceType
        self.amount = amount
        self.isReturn = false
        self.adminOnly = false
        self.requirements = requirements
        self.data = data
        self.includesTax = includesTax
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.deletedAt = nil
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case id
        case name
        case regionID = "region_id"
        case profileID = "profile_id"
        case providerID = "provider_id"
        case priceType = "price_type"
        case amount
        case isReturn = "is_return"
        case adminOnly = "admin_only"
        case requirements
        case data
        case includesTax = "includes_tax"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case deletedAt = "deleted_at"
        case metadata
    }
}

/// A cart subtotal bound an option needs (`sor_...`).
public struct ShippingOptionRequirement: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable {
        case minSubtotal = "min_subtotal"
        case maxSubtotal = "max_subtotal"
    }

    public var id: String
    public var shippingOptionID: String
    public var type: Kind
    /// Minor units.
    public var amount: Int
    @Nullable public var deletedAt: Date?

    public init(id: String, shippingOptionID: String, type: Kind, amount: Int) {
        self.id = id
        self.shippingOptionID = shippingOptionID
        self.type = type
        self.amount = amount
        self.deletedAt = nil
    }

    enum CodingKeys: String, CodingKey {
        case id
        case shippingOptionID = "shipping_option_id"
        case type
        case amount
        case deletedAt = "deleted_at"
    }
}

/// The tax-inclusive price Medusa adds to an option listed for a cart.
public struct ShippingOptionPricing: Codable, Hashable, Sendable {
    /// Minor units.
    public var priceInclTax: Int
    public var taxRates: [AppliedTaxRate]
    /// Minor units.
    public var taxAmount: Int

    public init(priceInclTax: Int, taxRates: [AppliedTaxRate] = [], taxAmount: Int = 0) {
        self.priceInclTax = priceInclTax
        self.taxRates = taxRates
        self.taxAmount = taxAmount
    }

    enum CodingKeys: String, CodingKey {
        case priceInclTax = "price_incl_tax"
        case taxRates = "tax_rates"
        case taxAmount = "tax_amount"
    }
}

/// `PricedShippingOption`: a shipping option plus its tax-inclusive price, in one JSON object.
public typealias PricedShippingOption = Priced<ShippingOption, ShippingOptionPricing>

/// A tax rate as applied to a priced variant or shipping option: `{rate, name, code}`.
public struct AppliedTaxRate: Codable, Hashable, Sendable {
    /// Percent.
    public var rate: Double
    public var name: String
    /// Left out when `nil`: the OAS types it as a non-nullable string.
    public var code: String?

    public init(rate: Double, name: String, code: String? = nil) {
        self.rate = rate
        self.name = name
        self.code = code
    }
}
