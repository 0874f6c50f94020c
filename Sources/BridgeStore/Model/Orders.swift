import Foundation

/// An order to record for a completed cart; the store assigns its display id.
public struct NewOrder: Sendable, Equatable {
    public var id: String
    public var cartID: String
    public var email: String?
    /// The customer account the cart belonged to, if any (logged in when it completed).
    public var customerID: String?
    /// Opaque JSON owned by the domain layer.
    public var body: Data
    public var createdAt: Date

    public init(id: String, cartID: String, email: String?, customerID: String? = nil, body: Data, createdAt: Date) {
        self.id = id
        self.cartID = cartID
        self.email = email
        self.customerID = customerID
        self.body = body
        self.createdAt = createdAt
    }
}

/// A recorded order. Dates are stored with millisecond precision.
public struct OrderRecord: Sendable, Equatable {
    public var id: String
    /// Medusa's `display_id`: 1, 2, 3… in insertion order, never reused.
    public var displayID: Int
    public var cartID: String
    public var email: String?
    /// The customer account the order belongs to: set at completion for a logged-in customer, or by a claim.
    public var customerID: String?
    public var body: Data
    public var createdAt: Date

    public init(
        id: String, displayID: Int, cartID: String, email: String?, customerID: String? = nil, body: Data,
        createdAt: Date
    ) {
        self.id = id
        self.displayID = displayID
        self.cartID = cartID
        self.email = email
        self.customerID = customerID
        self.body = body
        self.createdAt = createdAt
    }
}
