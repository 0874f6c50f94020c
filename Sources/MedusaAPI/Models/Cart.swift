import Foundation

/// A cart as Medusa's cart routes return it, with its default relations and integer totals
/// (minor units).
public struct Cart: Codable, Hashable, Sendable {
    public enum Object: String, Codable, Hashable, Sendable { case cart }

    public enum Kind: String, Codable, Hashable, Sendable {
        case `default`
        case swap
        case draftOrder = "draft_order"
        case paymentLink = "payment_link"
        case claim
    }

    public private(set) var object = Object.cart
    public var id: String
    @Nullable public var email: String?
    @Nullable public var customerID: String?
    @Nullable public private(set) var billingAddressID: String?
    @Nullable public var billingAddress: Address? { didSet { billingAddressID = billingAddress?.id } }
    @Nullable public private(set) var shippingAddressID: String?
    @Nullable public var shippingAddress: Address? { didSet { shippingAddressID = shippingAddress?.id } }
    public var items: [LineItem]
    public private(set) var regionID: String
    public var region: Region { didSet { regionID = region.id } }
    public var discounts: [Discount]
    /// CartBridge issues no gift cards, so the list is always empty.
    public private(set) var giftCards: [Never] = []
    public var paymentSessions: [PaymentSession] {
        didSet { paymentSession = Self.selected(in: paymentSessions) }
    }
    /// The selected session, kept in step with `paymentSessions`.
    @Nullable public private(set) var paymentSession: PaymentSession?
    @Nullable public private(set) var paymentID: String?
    @Nullable public var payment: Payment? { didSet { paymentID = payment?.id } }
    public var shippingMethods: [ShippingMethod]
    public var type: Kind
    @Nullable public var completedAt: Date?
    @Nullable public var paymentAuthorizedAt: Date?
    @Nullable public var idempotencyKey: String?
    /// Medusa fills in `ip` and `user_agent`, then merges what the client sent.
    @Nullable public var context: JSONObject?
    @Nullable public var salesChannelID: String?
    @Nullable public var metadata: JSONObject?
    public var createdAt: Date
    public var updatedAt: Date
    @Nullable public var deletedAt: Date?
    public var subtotal: Int
    public var discountTotal: Int
    public var itemTaxTotal: Int
    public var shippingTotal: Int
    public var shippingTaxTotal: Int
    public var taxTotal: Int
    public var giftCardTotal: Int
    public var giftCardTaxTotal: Int
    public var refundedTotal: Int
    public var refundableAmount: Int
    public var total: Int

    public init(
        id: String,
        region: Region,
        email: String? = nil,
        customerID: String? = nil,
        billingAddress: Address? = nil,
        shippingAddress: Address? = nil,
        items: [LineItem] = [],
        discounts: [Discount] = [],
        shippingMethods: [ShippingMethod] = [],
        paymentSessions: [PaymentSession] = [],
        payment: Payment? = nil,
        type: Kind = .default,
        completedAt: Date? = nil,
        paymentAuthorizedAt: Date? = nil,
        idempotencyKey: String? = nil,
        context: JSONObject? = [:],
        salesChannelID: String? = nil,
        metadata: JSONObject? = nil,
        totals: CartTotals = CartTotals(),
        createdAt: Date,
        updatedAt: Date? = nil
    ) {
        self.id = id
        self.email = email
        self.customerID = customerID
        self.billingAddressID = billingAddress?.id
        self.billingAddress = billingAddress
        self.shippingAddressID = shippingAddress?.id
        self.shippingAddress = shippingAddress
        self.items = items
        self.regionID = region.id
        self.region = region
        self.discounts = discounts
        self.paymentSessions = paymentSessions
        self.paymentSession = Self.selected(in: paymentSessions)
        self.paymentID = payment?.id
        self.payment = payment
        self.shippingMethods = shippingMethods
        self.type = type
        self.completedAt = completedAt
        self.paymentAuthorizedAt = paymentAuthorizedAt
        self.idempotencyKey = idempotencyKey
        self.context = context
        self.salesChannelID = salesChannelID
        self.metadata = metadata
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.deletedAt = nil
        self.subtotal = totals.subtotal
        self.discountTotal = totals.discountTotal
        self.itemTaxTotal = totals.itemTaxTotal
        self.shippingTotal = totals.shippingTotal
        self.shippingTaxTotal = totals.shippingTaxTotal
        self.taxTotal = totals.taxTotal
        self.giftCardTotal = totals.giftCardTotal
        self.giftCardTaxTotal = totals.giftCardTaxTotal
        self.refundedTotal = 0
        self.refundableAmount = totals.total
        self.total = totals.total
    }

    private static func selected(in sessions: [PaymentSession]) -> PaymentSession? {
        sessions.first { $0.isSelected == true }
    }

    enum CodingKeys: String, CodingKey {
        case object
        case id
        case email
        case customerID = "customer_id"
        case billingAddressID = "billing_address_id"
        case billingAddress = "billing_address"
        case shippingAddressID = "shipping_address_id"
        case shippingAddress = "shipping_address"
        case items
        case regionID = "region_id"
        case region
        case discounts
        case giftCards = "gift_cards"
        case paymentSessions = "payment_sessions"
        case paymentSession = "payment_session"
        case paymentID = "payment_id"
        case payment
        case shippingMethods = "shipping_methods"
        case type
        case completedAt = "completed_at"
        case paymentAuthorizedAt = "payment_authorized_at"
        case idempotencyKey = "idempotency_key"
        case context
        case salesChannelID = "sales_channel_id"
        case metadata
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case deletedAt = "deleted_at"
        case subtotal
        case discountTotal = "discount_total"
        case itemTaxTotal = "item_tax_total"
        case shippingTotal = "shipping_total"
        case shippingTaxTotal = "shipping_tax_total"
        case taxTotal = "tax_total"
        case giftCardTotal = "gift_card_total"
        case giftCardTaxTotal = "gift_card_tax_total"
        case refundedTotal = "refunded_total"
        case refundableAmount = "refundable_amount"
        case total
    }
}

/// A cart's totals in minor units, as Medusa's `decorateTotals` derives them.
public struct CartTotals: Hashable, Sendable {
    public var subtotal: Int
    public var discountTotal: Int
    public var itemTaxTotal: Int
    public var shippingTotal: Int
    public var shippingTaxTotal: Int
    public var giftCardTotal: Int
    public var giftCardTaxTotal: Int

    public var taxTotal: Int { itemTaxTotal + shippingTaxTotal }
    public var total: Int {
        subtotal + shippingTotal + taxTotal - (giftCardTotal + discountTotal + giftCardTaxTotal)
    }

    public init(
        subtotal: Int = 0,
        discountTotal: Int = 0,
        itemTaxTotal: Int = 0,
        shippingTotal: Int = 0,
        shippingTaxTotal: Int = 0,
        giftCardTotal: Int = 0,
        giftCardTaxTotal: Int = 0
    ) {
        self.subtotal = subtotal
        self.discountTotal = discountTotal
        self.itemTaxTotal = itemTaxTotal
        self.shippingTotal = shippingTotal
        self.shippingTaxTotal = shippingTaxTotal
        self.giftCardTotal = giftCardTotal
        self.giftCardTaxTotal = giftCardTaxTotal
    }

    /// Sums the lines and methods the way Medusa does.
    public init(items: [LineItem], shippingMethods: [ShippingMethod]) {
        self.init(
            subtotal: items.reduce(0) { $0 + $1.subtotal },
            discountTotal: items.reduce(0) { $0 + $1.discountTotal },
            itemTaxTotal: items.reduce(0) { $0 + $1.taxTotal },
            shippingTotal: shippingMethods.reduce(0) { $0 + $1.subtotal },
            shippingTaxTotal: shippingMethods.reduce(0) { $0 + $1.taxTotal }
        )
    }
}
