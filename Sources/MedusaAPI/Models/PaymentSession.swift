import Foundation

/// A provider's payment session on a cart (`ps_...`).
public struct PaymentSession: Codable, Hashable, Sendable {
    public enum Status: String, Codable, Hashable, Sendable {
        case authorized
        case pending
        case requiresMore = "requires_more"
        case error
        case canceled
    }

    public var id: String
    @Nullable public var cartID: String?
    public var providerID: String
    /// `true` for the selected session, otherwise `null` (never `false`: Medusa keeps a unique
    /// constraint on cart and `is_selected`).
    @Nullable public var isSelected: Bool?
    public var isInitiated: Bool
    public var status: Status
    /// Provider-specific.
    public var data: JSONObject
    @Nullable public var idempotencyKey: String?
    /// Minor units.
    @Nullable public var amount: Int?
    @Nullable public var paymentAuthorizedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String,
        cartID: String?,
        providerID: String,
        isSelected: Bool = false,
        isInitiated: Bool = false,
        status: Status = .pending,
        data: JSONObject = [:],
        amount: Int?,
        paymentAuthorizedAt: Date? = nil,
        createdAt: Date,
        updatedAt: Date? = nil
    ) {
        self.id = id
        self.cartID = cartID
        self.providerID = providerID
        self.isSelected = isSelected ? true : nil
        self.isInitiated = isInitiated
        self.status = status
        self.data = data
        self.idempotencyKey = nil
        self.amount = amount
        self.paymentAuthorizedAt = paymentAuthorizedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id
        case cartID = "cart_id"
        case providerID = "provider_id"
        case isSelected = "is_selected"
        case isInitiated = "is_initiated"
        case status
        case data
        case idempotencyKey = "idempotency_key"
        case amount
        case paymentAuthorizedAt = "payment_authorized_at"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// An authorised payment (`pay_...`), on a cart once authorised and on its order.
public struct Payment: Codable, Hashable, Sendable {
    public var id: String
    @Nullable public var swapID: String?
    @Nullable public var cartID: String?
    @Nullable public var orderID: String?
    /// Minor units.
    public var amount: Int
    public var currencyCode: String
    public var amountRefunded: Int
    public var providerID: String
    public var data: JSONObject
    @Nullable public var capturedAt: Date?
    @Nullable public var canceledAt: Date?
    @Nullable public var idempotencyKey: String?
    public var createdAt: Date
    public var updatedAt: Date
    @Nullable public var metadata: JSONObject?

    public init(
        id: String,
        cartID: String?,
        orderID: String? = nil,
        amount: Int,
        currencyCode: String,
        amountRefunded: Int = 0,
        providerID: String,
        data: JSONObject = [:],
        capturedAt: Date? = nil,
        canceledAt: Date? = nil,
        idempotencyKey: String? = nil,
        metadata: JSONObject? = nil,
        createdAt: Date,
        updatedAt: Date? = nil
    ) {
        self.id = id
        self.swapID = nil
        self.cartID = cartID
        self.orderID = orderID
        self.amount = amount
        self.currencyCode = currencyCode
        self.amountRefunded = amountRefunded
        self.providerID = providerID
        self.data = data
        self.capturedAt = capturedAt
        self.canceledAt = canceledAt
        self.idempotencyKey = idempotencyKey
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case id
        case swapID = "swap_id"
        case cartID = "cart_id"
        case orderID = "order_id"
        case amount
        case currencyCode = "currency_code"
        case amountRefunded = "amount_refunded"
        case providerID = "provider_id"
        case data
        case capturedAt = "captured_at"
        case canceledAt = "canceled_at"
        case idempotencyKey = "idempotency_key"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case metadata
    }
}
