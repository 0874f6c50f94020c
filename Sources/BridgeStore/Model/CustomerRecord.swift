import Foundation

/// A customer account as stored: the login columns the store queries by, and the profile as a JSON document
/// the domain layer owns (names, phone, addresses, metadata). Dates have millisecond precision.
public struct CustomerRecord: Sendable, Equatable {
    /// `cus_<ULID>`.
    public var id: String
    /// Lower-cased; unique among customers.
    public var email: String
    /// A self-describing password hash (`scrypt$…`); never the password.
    public var passwordHash: String
    public var body: Data
    /// Optimistic concurrency, as for carts: 1 when inserted, + 1 at each update.
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, email: String, passwordHash: String, body: Data, version: Int = 1, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.email = email
        self.passwordHash = passwordHash
        self.body = body
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Customer accounts and the orders that belong to them.
public protocol CustomerStore: Sendable {
    /// Stores a new customer. An id or an email already stored → `.duplicate`.
    func insertCustomer(_ record: CustomerRecord) async throws(StoreError)

    func customer(id: String) async throws(StoreError) -> CustomerRecord?

    /// By email, compared lower-cased.
    func customer(email: String) async throws(StoreError) -> CustomerRecord?

    /// Stores `email`, `passwordHash`, `body` and `updatedAt` when the stored version equals `record.version`, and
    /// returns the stored record with version + 1. Another version → `.conflict`; no such customer → `.notFound`;
    /// an email another customer has → `.duplicate`.
    func updateCustomer(_ record: CustomerRecord) async throws(StoreError) -> CustomerRecord

    /// A customer's orders, newest first (by display id): those recorded with `customerID`, and, when `email` is
    /// given, those without a customer whose email equals it (lower-cased comparison). `count` is the total of
    /// such orders.
    func orders(customerID: String, email: String?, limit: Int, offset: Int) async throws(StoreError)
        -> (orders: [OrderRecord], count: Int)

    /// Gives the orders with these ids to the customer (an order claim); returns how many were changed.
    func assignOrders(ids: [String], toCustomer customerID: String) async throws(StoreError) -> Int
}
