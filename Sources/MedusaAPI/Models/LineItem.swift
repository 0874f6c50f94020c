import Foundation

/// A cart or order line (`item_...`) with its computed totals (integers, minor units).
///
/// Merchant addons travel as custom lines: no `variant_id`, no `variant`.
public struct LineItem: Codable, Hashable, Sendable {
    public var id: String
    @Nullable public var cartID: String?
    @Nullable public var orderID: String?
    @Nullable public var swapID: String?
    @Nullable public var claimOrderID: String?
    @Nullable public var originalItemID: String?
    @Nullable public var orderEditID: String?
    public var title: String
    @Nullable public var description: String?
    @Nullable public var thumbnail: String?
    public var isReturn: Bool
    public var isGiftcard: Bool
    public var shouldMerge: Bool
    public var allowDiscounts: Bool
    @Nullable public var hasShipping: Bool?
    public var unitPrice: Int
    @Nullable public var variantID: String?
    @Nullable public var variant: ProductVariant?
    @Nullable public var productID: String?
    public var quantity: Int
    @Nullable public var fulfilledQuantity: Int?
    @Nullable public var returnedQuantity: Int?
    @Nullable public var shippedQuantity: Int?
    public var includesTax: Bool
    public var taxLines: [LineItemTaxLine]
    public var adjustments: [LineItemAdjustment]
    public var subtotal: Int
    public var discountTotal: Int
    public var taxTotal: Int
    public var total: Int
    public var originalTotal: Int
    public var originalTaxTotal: Int
    public var giftCardTotal: Int
    public var refundable: Int
    public var createdAt: Date
    public var updatedAt: Date
    @Nullable public var metadata: JSONObject?

    /// Totals default to the untaxed, undiscounted `unitPrice × quantity`.
    public init(
        id: String,
        cartID: String? = nil,
        orderID: String? = nil,
        title: String,
        description: String? = nil,
        thumbnail: String? = nil,
        isGiftcard: Bool = false,
        shouldMerge: Bool = true,
        allowDiscounts: Bool = true,
        hasShipping: Bool? = nil,
        unitPrice: Int,
        quantity: Int,
        variant: ProductVariant? = nil,
        includesTax: Bool = false,
        taxLines: [LineItemTaxLine] = [],
        adjustments: [LineItemAdjustment] = [],
        subtotal: Int? = nil,
        discountTotal: Int = 0,
        taxTotal: Int = 0,
        total: Int? = nil,
        originalTotal: Int? = nil,
        originalTaxTotal: Int? = nil,
        giftCardTotal: Int = 0,
        refundable: Int? = nil,
        metadata: JSONObject? = nil,
        createdAt: Date,
        updatedAt: Date? = nil
    ) {
        let gross = unitPrice * quantity
        self.id = id
        self.cartID = cartID
        self.orderID = orderID
        self.swapID = nil
        self.claimOrderID = nil
        self.originalItemID = nil
        self.orderEditID = nil
        self.title = title
        self.description = description
        self.thumbnail = thumbnail
        self.isReturn = false
        self.isGiftcard = isGiftcard
        self.shouldMerge = shouldMerge
        self.allowDiscounts = allowDiscounts
        self.hasShipping = hasShipping
        self.unitPrice = unitPrice
        self.variantID = variant?.id
        self.variant = variant
        self.productID = variant?.productID
        self.quantity = quantity
        self.fulfilledQuantity = nil
        self.returnedQuantity = nil
        self.shippedQuantity = nil
        self.includesTax = includesTax
        self.taxLines = taxLines
        self.adjustments = adjustments
        self.subtotal = subtotal ?? gross
        self.discountTotal = discountTotal
        self.taxTotal = taxTotal
        self.total = total ?? gross - discountTotal + taxTotal
        self.originalTotal = originalTotal ?? gross + (originalTaxTotal ?? taxTotal)
        self.originalTaxTotal = originalTaxTotal ?? taxTotal
        self.giftCardTotal = giftCardTotal
        self.refundable = refundable ?? self.total
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case id
        case cartID = "cart_id"
        case orderID = "order_id"
        case swapID = "swap_id"
        case claimOrderID = "claim_order_id"
        case originalItemID = "original_item_id"
        case orderEditID = "order_edit_id"
        case title
        case description
        case thumbnail
        case isReturn = "is_return"
        case isGiftcard = "is_giftcard"
        case shouldMerge = "should_merge"
        case allowDiscounts = "allow_discounts"
        case hasShipping = "has_shipping"
        case unitPrice = "unit_price"
        case variantID = "variant_id"
        case variant
        case productID = "product_id"
        case quantity
        case fulfilledQuantity = "fulfilled_quantity"
        case returnedQuantity = "returned_quantity"
        case shippedQuantity = "shipped_quantity"
        case includesTax = "includes_tax"
        case taxLines = "tax_lines"
        case adjustments
        case subtotal
        case discountTotal = "discount_total"
        case taxTotal = "tax_total"
        case total
        case originalTotal = "original_total"
        case originalTaxTotal = "original_tax_total"
        case giftCardTotal = "gift_card_total"
        case refundable
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case metadata
    }
}

/// A tax applied to a line (`litl_...`).
public struct LineItemTaxLine: Codable, Hashable, Sendable {
    public var id: String
    public var itemID: String
    @Nullable public var code: String?
    public var name: String
    /// Percent.
    public var rate: Double
    public var createdAt: Date
    public var updatedAt: Date
    @Nullable public var metadata: JSONObject?

    public init(
        id: String, itemID: String, code: String? = nil, name: String, rate: Double,
        metadata: JSONObject? = nil, createdAt: Date, updatedAt: Date? = nil
    ) {
        self.id = id
        self.itemID = itemID
        self.code = code
        self.name = name
        self.rate = rate
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case id
        case itemID = "item_id"
        case code
        case name
        case rate
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case metadata
    }
}

/// A discount's share of a line (`lia_...`).
public struct LineItemAdjustment: Codable, Hashable, Sendable {
    public var id: String
    public var itemID: String
    public var description: String
    @Nullable public var discountID: String?
    /// Minor units.
    public var amount: Int
    @Nullable public var metadata: JSONObject?

    public init(
        id: String, itemID: String, description: String, discountID: String?, amount: Int,
        metadata: JSONObject? = nil
    ) {
        self.id = id
        self.itemID = itemID
        self.description = description
        self.discountID = discountID
        self.amount = amount
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case id
        case itemID = "item_id"
        case description
        case discountID = "discount_id"
        case amount
        case metadata
    }
}
