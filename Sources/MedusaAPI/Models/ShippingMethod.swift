import Foundation

/// A shipping option chosen for a cart or order (`sm_...`), at most one per shipping profile.
public struct ShippingMethod: Codable, Hashable, Sendable {
    public var id: String
    public var shippingOptionID: String
    @Nullable public var shippingOption: ShippingOption?
    @Nullable public var cartID: String?
    @Nullable public var orderID: String?
    @Nullable public var swapID: String?
    @Nullable public var claimOrderID: String?
    @Nullable public var returnID: String?
    /// Minor units.
    public var price: Int
    /// Passed to the fulfillment provider.
    public var data: JSONObject
    public var includesTax: Bool
    public var taxLines: [ShippingMethodTaxLine]
    public var subtotal: Int
    public var taxTotal: Int
    public var total: Int
    public var originalTotal: Int
    public var originalTaxTotal: Int

    /// Totals default to the untaxed `price`.
    public init(
        id: String,
        shippingOption: ShippingOption,
        cartID: String? = nil,
        orderID: String? = nil,
        price: Int,
        data: JSONObject = [:],
        includesTax: Bool = false,
        taxLines: [ShippingMethodTaxLine] = [],
        taxTotal: Int = 0
    ) {
        self.id = id
        self.shippingOptionID = shippingOption.id
        self.shippingOption = shippingOption
        self.cartID = cartID
        self.orderID = orderID
        self.swapID = nil
        self.claimOrderID = nil
        self.returnID = nil
        self.price = price
        self.data = data
        self.includesTax = includesTax
        self.taxLines = taxLines
        self.subtotal = price
        self.taxTotal = taxTotal
        self.total = price + taxTotal
        self.originalTotal = price + taxTotal
        self.originalTaxTotal = taxTotal
    }

    enum CodingKeys: String, CodingKey {
        case id
        case shippingOptionID = "shipping_option_id"
        case shippingOption = "shipping_option"
        case cartID = "cart_id"
        case orderID = "order_id"
        case swapID = "swap_id"
        case claimOrderID = "claim_order_id"
        case returnID = "return_id"
        case price
        case data
        case includesTax = "includes_tax"
        case taxLines = "tax_lines"
        case subtotal
        case taxTotal = "tax_total"
        case total
        case originalTotal = "original_total"
        case originalTaxTotal = "original_tax_total"
    }
}

/// A tax applied to a shipping method (`smtl_...`).
public struct ShippingMethodTaxLine: Codable, Hashable, Sendable {
    public var id: String
    public var shippingMethodID: String
    @Nullable public var code: String?
    public var name: String
    /// Percent.
    public var rate: Double
    public var createdAt: Date
    public var updatedAt: Date
    @Nullable public var metadata: JSONObject?

    public init(
        id: String, shippingMethodID: String, code: String? = nil, name: String, rate: Double,
        metadata: JSONObject? = nil, createdAt: Date, updatedAt: Date? = nil
    ) {
        self.id = id
        self.shippingMethodID = shippingMethodID
        self.code = code
        self.name = name
        self.rate = rate
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case id
        case shippingMethodID = "shipping_method_id"
        case code
        case name
        case rate
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case metadata
    }
}
