import Foundation

/// A region (`reg_...`) with the relations Medusa loads for carts and the regions routes.
public struct Region: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    /// Lower-case ISO 4217, e.g. `usd`.
    public var currencyCode: String
    /// Loaded by the regions routes only; left out when `nil`.
    public var currency: Currency?
    /// Percent, e.g. `12.5`.
    public var taxRate: Double
    public var taxRates: [TaxRate]
    @Nullable public var taxCode: String?
    public var giftCardsTaxable: Bool
    public var automaticTaxes: Bool
    public var countries: [Country]
    @Nullable public var taxProviderID: String?
    public var paymentProviders: [PaymentProvider]
    public var fulfillmentProviders: [FulfillmentProvider]
    /// Present only when Medusa's tax-inclusive pricing flag is on; left out when `nil`.
    public var includesTax: Bool?
    public var createdAt: Date
    public var updatedAt: Date
    @Nullable public var deletedAt: Date?
    @Nullable public var metadata: JSONObject?

    public init(
        id: String,
        name: String,
        currencyCode: String,
        currency: Currency? = nil,
        taxRate: Double = 0,
        taxRates: [TaxRate] = [],
        taxCode: String? = nil,
        giftCardsTaxable: Bool = true,
        automaticTaxes: Bool = true,
        countries: [Country] = [],
        taxProviderID: String? = nil,
        paymentProviders: [PaymentProvider] = [],
        fulfillmentProviders: [FulfillmentProvider] = [],
        includesTax: Bool? = nil,
        metadata: JSONObject? = nil,
        createdAt: Date,
        updatedAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.currencyCode = currencyCode
        self.currency = currency
        self.taxRate = taxRate
        self.taxRates = taxRates
        self.taxCode = taxCode
        self.giftCardsTaxable = giftCardsTaxable
        self.automaticTaxes = automaticTaxes
        self.countries = countries
        self.taxProviderID = taxProviderID
        self.paymentProviders = paymentProviders
        self.fulfillmentProviders = fulfillmentProviders
        self.includesTax = includesTax
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.deletedAt = nil
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case id
        case name
        case currencyCode = "currency_code"
        case currency
        case taxRate = "tax_rate"
        case taxRates = "tax_rates"
        case taxCode = "tax_code"
        case giftCardsTaxable = "gift_cards_taxable"
        case automaticTaxes = "automatic_taxes"
        case countries
        case taxProviderID = "tax_provider_id"
        case paymentProviders = "payment_providers"
        case fulfillmentProviders = "fulfillment_providers"
        case includesTax = "includes_tax"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case deletedAt = "deleted_at"
        case metadata
    }
}

/// A country row. Medusa's `id` and `num_code` are integers (the OAS says strings; see the report).
public struct Country: Codable, Hashable, Sendable {
    public var id: Int
    /// Lower-case ISO 3166-1 alpha-2, e.g. `us`.
    public var iso2: String
    /// Lower-case ISO 3166-1 alpha-3, e.g. `usa`.
    public var iso3: String
    public var numCode: Int
    /// Upper-case, e.g. `UNITED STATES`.
    public var name: String
    public var displayName: String
    @Nullable public var regionID: String?

    public init(
        id: Int, iso2: String, iso3: String, numCode: Int, name: String, displayName: String, regionID: String?
    ) {
        self.id = id
        self.iso2 = iso2
        self.iso3 = iso3
        self.numCode = numCode
        self.name = name
        self.displayName = displayName
        self.regionID = regionID
    }

    enum CodingKeys: String, CodingKey {
        case id
        case iso2 = "iso_2"
        case iso3 = "iso_3"
        case numCode = "num_code"
        case name
        case displayName = "display_name"
        case regionID = "region_id"
    }
}

public struct Currency: Codable, Hashable, Sendable {
    /// Lower-case ISO 4217, e.g. `usd`.
    public var code: String
    public var symbol: String
    public var symbolNative: String
    public var name: String

    public init(code: String, symbol: String, symbolNative: String, name: String) {
        self.code = code
        self.symbol = symbol
        self.symbolNative = symbolNative
        self.name = name
    }

    enum CodingKeys: String, CodingKey {
        case code
        case symbol
        case symbolNative = "symbol_native"
        case name
    }
}

/// A payment or fulfillment provider as a region lists it: `{id, is_installed}`.
public struct InstalledProvider: Codable, Hashable, Sendable {
    /// E.g. `manual`, `stripe`.
    public var id: String
    public var isInstalled: Bool

    public init(id: String, isInstalled: Bool = true) {
        self.id = id
        self.isInstalled = isInstalled
    }

    enum CodingKeys: String, CodingKey {
        case id
        case isInstalled = "is_installed"
    }
}

public typealias PaymentProvider = InstalledProvider
public typealias FulfillmentProvider = InstalledProvider

/// A region's tax rate row (`region.tax_rates`).
public struct TaxRate: Codable, Hashable, Sendable {
    public var id: String
    /// Percent.
    @Nullable public var rate: Double?
    @Nullable public var code: String?
    public var name: String
    public var regionID: String
    public var createdAt: Date
    public var updatedAt: Date
    @Nullable public var metadata: JSONObject?

    public init(
        id: String, rate: Double?, code: String? = nil, name: String, regionID: String,
        metadata: JSONObject? = nil, createdAt: Date, updatedAt: Date? = nil
    ) {
        self.id = id
        self.rate = rate
        self.code = code
        self.name = name
        self.regionID = regionID
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case id
        case rate
        case code
        case name
        case regionID = "region_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case metadata
    }
}
