import Bridge
import BridgeStore
import Foundation
import MedusaAPI

/// Medusa v1's customer routes over `CustomerAccounts`: wire bodies in, `Customer` and `Order` out. Which
/// customer a call acts for comes from the HTTP layer's login check (`loggedIn`), never from the body.
public struct MedusaV1Accounts: Sendable {
    let accounts: CustomerAccounts
    let storefront: MedusaV1Storefront

    public init(accounts: CustomerAccounts, storefront: MedusaV1Storefront) {
        self.accounts = accounts
        self.storefront = storefront
    }

    /// The customer id a session cookie or bearer token proves, or nil (see `CustomerAccounts.loggedIn`).
    public func loggedIn(bearer: String?, session: String?) async -> String? {
        await accounts.loggedIn(bearer: bearer, session: session)?.id
    }

    /// The logged-in customer as a cart's owner.
    public func cartCustomer(bearer: String?, session: String?) async -> CartCustomer? {
        await accounts.loggedIn(bearer: bearer, session: session).map { CartCustomer(id: $0.id, email: $0.email) }
    }

    public func register(_ body: StorePostCustomersReq) async throws(MedusaError) -> (customer: Customer, session: String) {
        let account = try await medusa { () async throws(CheckoutError) in
            try await accounts.register(
                .init(email: body.email, password: body.password, firstName: body.firstName, lastName: body.lastName, phone: body.phone))
        }
        return (Self.customer(account), accounts.issue(.session, for: account))
    }

    /// `POST /store/auth`: the customer and a session for the cookie.
    public func logIn(_ body: StorePostAuthReq) async throws(MedusaError) -> (customer: Customer, session: String) {
        let account = try await authenticate(body)
        return (Self.customer(account), accounts.issue(.session, for: account))
    }

    /// `POST /store/auth/token`: a bearer token for later calls.
    public func token(_ body: StorePostAuthReq) async throws(MedusaError) -> StoreBearerAuthRes {
        StoreBearerAuthRes(accessToken: accounts.issue(.bearer, for: try await authenticate(body)))
    }

    public func exists(email: String) async throws(MedusaError) -> StoreGetAuthEmailRes {
        guard EmailAddress.isValid(email) else { throw MedusaError.invalidData("email must be an email") }
        return StoreGetAuthEmailRes(exists: try await medusa { () async throws(CheckoutError) in try await accounts.hasAccount(email: email) })
    }

    public func me(_ customerID: String?) async throws(MedusaError) -> Customer {
        let id = try Self.require(customerID)
        return Self.customer(try await medusa { () async throws(CheckoutError) in try await accounts.customer(id: id) })
    }

    public func update(_ customerID: String?, _ body: StorePostCustomersCustomerReq) async throws(MedusaError) -> Customer {
        let id = try Self.require(customerID)
        var changes = CustomerAccounts.ProfileChanges()
        changes.firstName = body.firstName
        changes.lastName = body.lastName
        changes.phone = body.phone
        changes.email = body.email
        changes.password = body.password
        changes.metadata = body.metadata
        changes.billingAddress = body.billingAddress.map(MedusaV1Storefront.addressChange)
        let command = changes
        return Self.customer(try await medusa { () async throws(CheckoutError) in try await accounts.update(customerID: id, command) })
    }

    public func addAddress(_ customerID: String?, _ body: StorePostCustomersCustomerAddressesReq) async throws(MedusaError)
        -> Customer
    {
        let id = try Self.require(customerID)
        let edit = MedusaV1Storefront.applying(body.address.payload)
        return Self.customer(try await medusa { () async throws(CheckoutError) in try await accounts.addAddress(customerID: id, edit) })
    }

    public func updateAddress(_ customerID: String?, addressID: String, _ body: AddressPayload) async throws(MedusaError)
        -> Customer
    {
        let id = try Self.require(customerID)
        let edit = MedusaV1Storefront.applying(body)
        return Self.customer(
            try await medusa { () async throws(CheckoutError) in
                try await accounts.updateAddress(customerID: id, addressID: addressID, edit)
            })
    }

    public func deleteAddress(_ customerID: String?, addressID: String) async throws(MedusaError) -> Customer {
        let id = try Self.require(customerID)
        return Self.customer(
            try await medusa { () async throws(CheckoutError) in try await accounts.deleteAddress(customerID: id, addressID: addressID) })
    }

    public func orders(_ customerID: String?, page: PageRequest) async throws(MedusaError) -> StoreCustomersListOrdersRes {
        let id = try Self.require(customerID)
        let found = try await medusa { () async throws(CheckoutError) in
            try await accounts.orders(customerID: id, limit: page.limit, offset: page.offset)
        }
        var orders: [Order] = []
        for record in found.orders {
            let placed = try await medusa { () async throws(CheckoutError) in try storefront.core.placedOrder(record) }
            orders.append(try await storefront.render(placed))
        }
        return StoreCustomersListOrdersRes(orders: orders, count: found.count, offset: page.offset, limit: page.limit)
    }

    public func requestPasswordReset(_ body: StorePostCustomersCustomerPasswordTokenReq) async throws(MedusaError) {
        try await medusa { () async throws(CheckoutError) in try await accounts.requestPasswordReset(email: body.email) }
    }

    public func resetPassword(_ body: StorePostCustomersResetPasswordReq) async throws(MedusaError) -> Customer {
        Self.customer(
            try await medusa { () async throws(CheckoutError) in
                try await accounts.resetPassword(email: body.email, token: body.token, password: body.password)
            })
    }

    /// Sends each order's email a token; orders that do not exist are skipped, as Medusa does.
    public func requestOrderClaim(_ customerID: String?, _ body: StorePostCustomersCustomerOrderClaimReq) async throws(MedusaError) {
        let id = try Self.require(customerID)
        try await medusa { () async throws(CheckoutError) in
            var orders: [(id: String, email: String?)] = []
            for orderID in body.orderIDs.prefix(Self.maxClaimedOrders) {
                if let order = try await storefront.core.order(id: orderID) { orders.append((order.id, order.cart.email)) }
            }
            try await accounts.requestOrderClaim(customerID: id, orders: orders)
        }
    }

    static let maxClaimedOrders = 50

    public func confirmOrderClaim(_ body: StorePostCustomersCustomerAcceptClaimReq) async throws(MedusaError) {
        try await medusa { () async throws(CheckoutError) in try await accounts.confirmOrderClaim(token: body.token) }
    }

    private func authenticate(_ body: StorePostAuthReq) async throws(MedusaError) -> CustomerAccount {
        try await medusa { () async throws(CheckoutError) in try await accounts.authenticate(email: body.email, password: body.password) }
    }

    private func medusa<T>(_ work: () async throws(CheckoutError) -> T) async throws(MedusaError) -> T {
        try await storefront.medusa(work)
    }

    private static func require(_ customerID: String?) throws(MedusaError) -> String {
        guard let customerID else { throw MedusaError.unauthenticated }
        return customerID
    }

    static func customer(_ account: CustomerAccount) -> Customer {
        let owned = { (address: BridgeAddress) -> Address in
            var rendered = AddressRendering.medusaAddress(address)
            rendered.customerID = account.id
            return rendered
        }
        return Customer(
            id: account.id, email: account.email, firstName: account.profile.firstName, lastName: account.profile.lastName,
            billingAddress: account.profile.billingAddress.map(owned),
            shippingAddresses: account.profile.shippingAddresses.map(owned),
            phone: account.profile.phone, metadata: account.profile.metadata, createdAt: account.createdAt,
            updatedAt: account.updatedAt)
    }
}
