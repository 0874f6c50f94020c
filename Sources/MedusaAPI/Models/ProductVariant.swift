import Foundation

/// A purchasable variant of a product (`variant_...`).
public struct ProductVariant: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    public var productID: String
    /// The parent product without variants; carts load it for their items. Left out when `nil`.
    public var product: ProductColumns?
    public var prices: [MoneyAmount]
    @Nullable public var sku: String?
    @Nullable public var barcode: String?
    @Nullable public var ean: String?
    @Nullable public var upc: String?
    @Nullable public var variantRank: Int?
    public var inventoryQuantity: Int
    public var allowBackorder: Bool
    public var manageInventory: Bool
    @Nullable public var hsCode: String?
    @Nullable public var originCountry: String?
    @Nullable public var midCode: String?
    @Nullable public var material: String?
    @Nullable public var weight: Double?
    @Nullable public var length: Double?
    @Nullable public var height: Double?
    @Nullable public var width: Double?
    public var options: [ProductOptionValue]
    /// Computed by the products routes from stock and sales channel; left out when `nil`.
    public var purchasable: Bool?
    public var createdAt: Date
    public var updatedAt: Date
    @Nullable public var deletedAt: Date?
    @Nullable public var metadata: JSONObject?

    public init(
        id: String,
        title: String,
        productID: String,
        product: ProductColumns? = nil,
        prices: [MoneyAmount] = [],
        sku: String? = nil,
        variantRank: Int? = 0,
        inventoryQuantity: Int,
        allowBackorder: Bool = false,
        manageInventory: Bool = true,
        options: [ProductOptionValue] = [],
        purchasable: Bool? = nil,
        metadata: JSONObject? = nil,
        createdAt: Date,
        updatedAt: Date? = nil
    ) {
        self.id = id
        self.title = title
        self.productID = productID
        self.product = product
        self.prices = prices
        self.sku = sku
        self.barcode = nil
        self.ean = nil
        self.upc = nil
        self.variantRank = variantRank
        self.inventoryQuantity = inventoryQuantity
        self.allowBackorder = allowBackorder
        self.manageInventory = manageInventory
        self.hsCode = nil
        self.originCountry = nil
        self.midCode = nil
        self.material = nil
        self.weight = nil
        self.length = nil
        self.height = nil
        self.width = nil
        self.options = options
        self.purchasable = purchasable
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.deletedAt = nil
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case id
        case title
        case productID = "product_id"
        case product
        case prices
        case sku
        case barcode
        case ean
        case upc
        case variantRank = "variant_rank"
        case inventoryQuantity = "inventory_quantity"
        case allowBackorder = "allow_backorder"
        case manageInventory = "manage_inventory"
        case hsCode = "hs_code"
        case originCountry = "origin_country"
        case midCode = "mid_code"
        case material
        case weight
        case length
        case height
        case width
        case options
        case purchasable
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case deletedAt = "deleted_at"
        case metadata
    }
}

/// The prices Medusa's pricing service computes for a variant in a region or currency, in minor
/// units. Each is left out when `nil` (no price context): the OAS types them as non-nullable numbers.
public struct VariantPricing: Codable, Hashable, Sendable {
    public var originalPrice: Int?
    public var calculatedPrice: Int?
    public var originalPriceInclTax: Int?
    public var calculatedPriceInclTax: Int?
    public var originalTax: Int?
    public var calculatedTax: Int?
    /// `sale` when the calculated price is a sale price (storefronts strike the original through); left out
    /// otherwise, as Medusa leaves it null for a variant's own price.
    public var calculatedPriceType: String?
    public var taxRates: [AppliedTaxRate]

    public init(
        originalPrice: Int?,
        calculatedPrice: Int?,
        originalPriceInclTax: Int? = nil,
        calculatedPriceInclTax: Int? = nil,
        originalTax: Int? = nil,
        calculatedTax: Int? = nil,
        taxRates: [AppliedTaxRate] = []
    ) {
        self.originalPrice = originalPrice
        self.calculatedPrice = calculatedPrice
        self.originalPriceInclTax = originalPriceInclTax ?? originalPrice.map { $0 + (originalTax ?? 0) }
        self.calculatedPriceInclTax = calculatedPriceInclTax ?? calculatedPrice.map { $0 + (calculatedTax ?? 0) }
        self.originalTax = originalTax ?? originalPrice.map { _ in 0 }
        self.calculatedTax = calculatedTax ?? calculatedPrice.map { _ in 0 }
        if let originalPrice, let calculatedPrice, calculatedPrice < originalPrice { calculatedPriceType = "sale" }
        self.taxRates = taxRates
    }

    enum CodingKeys: String, CodingKey {
        case originalPrice = "original_price"
        case calculatedPrice = "calculated_price"
        case originalPriceInclTax = "original_price_incl_tax"
        case calculatedPriceInclTax = "calculated_price_incl_tax"
        case originalTax = "original_tax"
        case calculatedTax = "calculated_tax"
        case calculatedPriceType = "calculated_price_type"
        case taxRates = "tax_rates"
    }
}

/// `PricedVariant`: a variant plus its computed prices, in one JSON object.
public typealias PricedVariant = Priced<ProductVariant, VariantPricing>

/// A price of a variant (`ma_...`) in a currency or region, optionally for a quantity band.
public struct MoneyAmount: Codable, Hashable, Sendable {
    public var id: String
    /// Lower-case ISO 4217.
    public var currencyCode: String
    /// Minor units.
    public var amount: Int
    @Nullable public var minQuantity: Int?
    @Nullable public var maxQuantity: Int?
    @Nullable public var priceListID: String?
    @Nullable public var variantID: String?
    @Nullable public var regionID: String?
    public var createdAt: Date
    public var updatedAt: Date
    @Nullable public var deletedAt: Date?

    public init(
        id: String, currencyCode: String, amount: Int, variantID: String?, regionID: String? = nil,
        minQuantity: Int? = nil, maxQuantity: Int? = nil, createdAt: Date, updatedAt: Date? = nil
    ) {
        self.id = id
        self.currencyCode = currencyCode
        self.amount = amount
        self.minQuantity = minQuantity
        self.maxQuantity = maxQuantity
        self.priceListID = nil
        self.variantID = variantID
        self.regionID = regionID
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.deletedAt = nil
    }

    enum CodingKeys: String, CodingKey {
        case id
        case currencyCode = "currency_code"
        case amount
        case minQuantity = "min_quantity"
        case maxQuantity = "max_quantity"
        case priceListID = "price_list_id"
        case variantID = "variant_id"
        case regionID = "region_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case deletedAt = "deleted_at"
    }
}
