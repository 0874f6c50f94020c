import Foundation

/// An order (`order_...`) as the orders routes and cart completion return it.
public struct Order: Codable, Hashable, Sendable {
    public enum Object: String, Codable, Hashable, Sendable { case order }

    public enum Status: String, Codable, Hashable, Sendable {
        case pending
        case completed
        case archived
        case canceled
        case requiresAction = "requires_action"
    }

    public enum FulfillmentStatus: String, Codable, Hashable, Sendable {
        case notFulfilled = "not_fulfilled"
        case partiallyFulfilled = "partially_fulfilled"
        case fulfilled
        case partiallyShipped = "partially_shipped"
        case shipped
        case partiallyReturned = "partially_returned"
        case returned
        case canceled
        case requiresAction = "requires_action"
    }

    public enum PaymentStatus: String, Codable, Hashable, Sendable {
        case notPaid = "not_paid"
        case awaiting
        case captured
        case partiallyRefunded = "partially_refunded"
        case refunded
        case canceled
        case requiresAction = "requires_action"
    }

    public private(set) var object = Object.order
    public var id: String
    public var status: Status
    public var fulfillmentStatus: FulfillmentStatus
    public var paymentStatus: PaymentStatus
    public var displayID: Int
    @Nullable public var cartID: String?
    public var customerID: String
    public var email: String
    @Nullable public private(set) var billingAddressID: String?
    @Nullable public var billingAddress: Address? { didSet { billingAddressID = billingAddress?.id } }
    @Nullable public private(set) var shippingAddressID: String?
    @Nullable public var shippingAddress: Address? { didSet { shippingAddressID = shippingAddress?.id } }
    public var regionID: String
    /// Not loaded by cart completion; left out when `nil`.
    public var region: Region?
    public var currencyCode: String
    /// Percent.
    @Nullable public var taxRate: Double?
    public var items: [LineItem]
    public var shippingMethods: [ShippingMethod]
    public var payments: [Payment]
    public var discounts: [Discount]
    /// CartBridge issues no gift cards, so the list is always empty.
    public private(set) var giftCards: [Never] = []
    @Nullable public var draftOrderID: String?
    @Nullable public var canceledAt: Date?
    @Nullable public var noNotification: Bool?
    @Nullable public var idempotencyKey: String?
    /// The merchant's own order number(s).
    @Nullable public var externalID: String?
    @Nullable public var salesChannelID: String?
    @Nullable public var metadata: JSONObject?
    public var createdAt: Date
    public var updatedAt: Date
    public var subtotal: Int
    public var discountTotal: Int
    public var itemTaxTotal: Int
    public var shippingTotal: Int
    public var shippingTaxTotal: Int
    public var taxTotal: Int
    public var giftCardTotal: Int
    public var giftCardTaxTotal: Int
    public var total: Int
    public var paidTotal: Int
    public var refundedTotal: Int
    public var refundableAmount: Int

    public init(
        id: String,
        displayID: Int,
        cartID: String?,
        customerID: String,
        email: String,
        regionID: String,
        region: Region? = nil,
        currencyCode: String,
        status: Status = .pending,
        fulfillmentStatus: FulfillmentStatus = .notFulfilled,
        paymentStatus: PaymentStatus = .awaiting,
        billingAddress: Address? = nil,
        shippingAddress: Address? = nil,
        taxRate: Double? = nil,
        items: [LineItem] = [],
        shippingMethods: [ShippingMethod] = [],
        payments: [Payment] = [],
        discounts: [Discount] = [],
        idempotencyKey: String? = nil,
        externalID: String? = nil,
        salesChannelID: String? = nil,
        metadata: JSONObject? = nil,
        totals: CartTotals = CartTotals(),
        paidTotal: Int? = nil,
        createdAt: Date,
        updatedAt: Date? = nil
    ) {
        self.id = id
        self.status = status
        self.fulfillmentStatus = fulfillmentStatus
        self.paymentStatus = paymentStatus
        self.displayID = displayID
        self.cartID = cartID
        self.customerID = customerID
        self.email = email
        self.billingAddressID = billingAddress?.id
        self.billingAddress = billingAddress
        self.shippingAddressID = shippingAddress?.id
        self.shippingAddress = shippingAddress
        self.regionID = regionID
        self.region = region
        self.currencyCode = currencyCode
        self.taxRate = taxRate
        self.items = items
        self.shippingMethods = shippingMethods
        self.payments = payments
        self.discounts = discounts
        self.draftOrderID = nil
        self.canceledAt = nil
        self.noNotification = nil
        self.idempotencyKey = idempotencyKey
        self.externalID = externalID
        self.salesChannelID = salesChannelID
        self.metadata = metadata
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.subtotal = totals.subtotal
        self.discountTotal = totals.discountTotal
        self.itemTaxTotal = totals.itemTaxTotal
        self.shippingTotal = totals.shippingTotal
        self.shippingTaxTotal = totals.shippingTaxTotal
        self.taxTotal = totals.taxTotal
        self.giftCardTotal = totals.giftCardTotal
        self.giftCardTaxTotal = totals.giftCardTaxTotal
        self.total = totals.total
        self.paidTotal = paidTotal ?? payments.reduce(0) { $0 + $1.amount }
        self.refundedTotal = 0
        self.refundableAmount = self.paidTotal
    }

    enum CodingKeys: String, CodingKey {
        case object
        case id
        case status
        case fulfillmentStatus = "fulfillment_status"
        case paymentStatus = "payment_status"
        case displayID = "display_id"
        case cartID = "cart_id"
        case customerID = "customer_id"
        case email
        case billingAddressID = "billing_address_id"
        case billingAddress = "billing_address"
        case shippingAddressID = "shipping_address_id"
        case shippingAddress = "shipping_address"
        case regionID = "region_id"
        case region
        case currencyCode = "currency_code"
        case taxRate = "tax_rate"
        case items
        case shippingMethods = "shipping_methods"
        case payments
        case discounts
        case giftCards = "gift_cards"
        case draftOrderID = "draft_order_id"
        case canceledAt = "canceled_at"
        case noNotification = "no_notification"
        case idempotencyKey = "idempotency_key"
        case externalID = "external_id"
        case salesChannelID = "sales_channel_id"
        case metadata
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case subtotal
        case discountTotal = "discount_total"
        case itemTaxTotal = "item_tax_total"
        case shippingTotal = "shipping_total"
        case shippingTaxTotal = "shipping_tax_total"
        case taxTotal = "tax_total"
        case giftCardTotal = "gift_card_total"
        case giftCardTaxTotal = "gift_card_tax_total"
        case total
        case paidTotal = "paid_total"
        case refundedTotal = "refunded_total"
        case refundableAmount = "refundable_amount"
    }
}
