import BridgeIDs
import BridgeStore
import Foundation
import Logging
import WireJSON

/// Customer accounts kept by CartBridge (Full Cart merchants have none for us): registration, login, the
/// profile and saved addresses, password reset, and claiming guest orders. Every call that reads or changes an
/// account takes the id of the customer who is logged in, never one from the request body, so no request can
/// reach another customer's data.
public struct CustomerAccounts: Sendable {
    let store: any CustomerStore
    let hasher: PasswordHasher
    let tokens: AccountTokens
    let throttle: LoginThrottle
    let hashing: PasswordHashingGate
    let notifier: any AccountNotifier
    let logger: Logger
    let now: @Sendable () -> Date

    public static let minimumPasswordLength = 8
    public static let maximumPasswordBytes = 1024

    public init(
        store: any CustomerStore, tokens: AccountTokens, notifier: any AccountNotifier, logger: Logger,
        hasher: PasswordHasher = .standard, throttle: LoginThrottle = LoginThrottle(),
        hashing: PasswordHashingGate = PasswordHashingGate(), now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.hashing = hashing
        self.store = store
        self.tokens = tokens
        self.notifier = notifier
        self.logger = logger
        self.hasher = hasher
        self.throttle = throttle
        self.now = now
    }

    public struct Registration: Sendable {
        public var email: String
        public var password: String
        public var firstName: String
        public var lastName: String
        public var phone: String?

        public init(email: String, password: String, firstName: String, lastName: String, phone: String? = nil) {
            self.email = email
            self.password = password
            self.firstName = firstName
            self.lastName = lastName
            self.phone = phone
        }
    }

    /// A new account; an email that has one already is Medusa's 422 `duplicate_error`.
    public func register(_ registration: Registration) async throws(CheckoutError) -> CustomerAccount {
        let email = registration.email.lowercased()
        let now = now()
        let account = CustomerAccount(
            id: MedusaID.make(prefix: .customer), email: email, passwordHash: try await hash(registration.password),
            profile: CustomerProfile(
                firstName: registration.firstName, lastName: registration.lastName, phone: registration.phone),
            now: now)
        let record = try account.record()
        do throws(StoreError) {
            try await store.insertCustomer(record)
        } catch {
            if error.kind == .duplicate {
                throw CheckoutError(.duplicate, "A customer with the given email already has an account. Log in instead")
            }
            throw CheckoutError.store(error)
        }
        return account
    }

    /// The account for a correct email and password. Wrong ones are a bare 401, alike for an unknown email
    /// and a wrong password; after too many failures the account is refused for a while (429).
    public func authenticate(email: String, password: String) async throws(CheckoutError) -> CustomerAccount {
        let key = email.lowercased()
        if let seconds = await throttle.retryAfter(key) {
            throw CheckoutError(
                .rateLimited, "Too many failed logins for this account. Try again in \(seconds) seconds.",
                retryAfterSeconds: seconds)
        }
        let found = try await stored { store async throws(StoreError) in try await store.customer(email: key) }
        // An unknown email costs a hash too, so timing does not tell which emails have accounts.
        let hash = found?.passwordHash ?? Self.decoyHash
        let matches = try await hashing.run { () throws(CheckoutError) in hasher.verify(password, against: hash) }
        guard matches, let found else {
            await throttle.recordFailure(key)
            throw CheckoutError(.unauthorized, "Unauthorized")
        }
        await throttle.recordSuccess(key)
        return try CustomerAccount(found)
    }

    /// A session (the `connect.sid` cookie) or a bearer token for the account, in its current session epoch.
    public func issue(_ kind: AccountTokens.Kind, for account: CustomerAccount) -> String {
        tokens.issue(kind, customerID: account.id, sessionEpoch: account.profile.sessionEpoch ?? 0)
    }

    /// The customer a bearer token or session cookie proves: a valid token of that kind, for an account that
    /// still exists, issued since its last password reset. Anything else is no login (Medusa serves a request
    /// with a bad token anonymously).
    public func loggedIn(bearer: String?, session: String?) async -> CustomerAccount? {
        let claims =
            bearer.flatMap { tokens.verify($0, as: .bearer) } ?? session.flatMap { tokens.verify($0, as: .session) }
        guard let claims, let account = try? await customer(id: claims.customerID),
            (claims.sessionEpoch ?? 0) == (account.profile.sessionEpoch ?? 0)
        else { return nil }
        return account
    }

    /// Whether an email has an account (Medusa's `GET /store/auth/{email}`).
    public func hasAccount(email: String) async throws(CheckoutError) -> Bool {
        try await stored { store async throws(StoreError) in try await store.customer(email: email.lowercased()) } != nil
    }

    /// The logged-in customer; a session for an account that no longer exists is no session.
    public func customer(id: String) async throws(CheckoutError) -> CustomerAccount {
        guard let record = try await stored({ store async throws(StoreError) in try await store.customer(id: id) }) else {
            throw CheckoutError(.unauthorized, "Unauthorized")
        }
        return try CustomerAccount(record)
    }

    public struct ProfileChanges: Sendable {
        public var firstName: String?
        public var lastName: String?
        public var phone: String?
        public var email: String?
        public var password: String?
        public var metadata: [String: JSONValue]?
        public var billingAddress: AddressChange?

        public init() {}
    }

    public func update(customerID: String, _ changes: ProfileChanges) async throws(CheckoutError) -> CustomerAccount {
        var newHash: String?
        if let password = changes.password { newHash = try await hash(password) }
        let replacement = newHash
        return try await change(customerID) { (account) throws(CheckoutError) in
            if let firstName = changes.firstName { account.profile.firstName = firstName }
            if let lastName = changes.lastName { account.profile.lastName = lastName }
            if let phone = changes.phone { account.profile.phone = phone }
            if let metadata = changes.metadata { account.profile.metadata = metadata }
            if let email = changes.email { account.email = email.lowercased() }
            if let replacement { account.passwordHash = replacement }
            switch changes.billingAddress {
            case nil: break
            case .clear?: account.profile.billingAddress = nil
            case .storedAddress(let id)?:
                guard let saved = account.profile.shippingAddresses.first(where: { $0.id == id }) else {
                    throw CheckoutError.notFound("Address with id \(id) was not found")
                }
                account.profile.billingAddress = saved
            case .edit(let edit)?:
                var address = account.profile.billingAddress ?? BridgeAddress(id: MedusaID.make(prefix: .address), now: now())
                edit(&address)
                address.updatedAt = now()
                account.profile.billingAddress = address
            }
        }
    }

    /// Saves a shipping address to the account.
    public func addAddress(customerID: String, _ edit: @Sendable (inout BridgeAddress) -> Void)
        async throws(CheckoutError) -> CustomerAccount
    {
        try await change(customerID) { (account) throws(CheckoutError) in
            guard account.profile.shippingAddresses.count < Self.maximumAddresses else {
                throw CheckoutError.notAllowed("An account keeps at most \(Self.maximumAddresses) addresses")
            }
            var address = BridgeAddress(id: MedusaID.make(prefix: .address), now: now())
            edit(&address)
            account.profile.shippingAddresses.append(address)
        }
    }

    public static let maximumAddresses = 50

    public func updateAddress(customerID: String, addressID: String, _ edit: @Sendable (inout BridgeAddress) -> Void)
        async throws(CheckoutError) -> CustomerAccount
    {
        try await change(customerID) { (account) throws(CheckoutError) in
            guard let index = account.profile.shippingAddresses.firstIndex(where: { $0.id == addressID }) else {
                throw CheckoutError.notFound("Could not find address with id: \(addressID)")
            }
            edit(&account.profile.shippingAddresses[index])
            account.profile.shippingAddresses[index].updatedAt = now()
        }
    }

    /// Medusa answers the customer whether or not the address was theirs.
    public func deleteAddress(customerID: String, addressID: String) async throws(CheckoutError) -> CustomerAccount {
        try await change(customerID) { (account) throws(CheckoutError) in
            account.profile.shippingAddresses.removeAll { $0.id == addressID }
        }
    }

    /// A token for `resetPassword`, handed to the notifier. Always succeeds, so the answer does not tell whether
    /// the email has an account.
    public func requestPasswordReset(email: String) async throws(CheckoutError) {
        guard let record = try await stored({ store async throws(StoreError) in try await store.customer(email: email.lowercased()) })
        else { return }
        let token = tokens.issue(.reset, customerID: record.id, passwordHash: record.passwordHash)
        await notifier.deliver(.passwordReset(email: record.email, customerID: record.id, token: token))
    }

    /// Sets a new password with a reset token; the token stops working once used (it was made for the old
    /// password). Medusa's answers: 401 `unauthorized` for an unknown email or a bad token.
    public func resetPassword(email: String, token: String, password: String) async throws(CheckoutError)
        -> CustomerAccount
    {
        let invalid = CheckoutError(.invalidToken, "Invalid or expired password reset token")
        guard let record = try await stored({ store async throws(StoreError) in try await store.customer(email: email.lowercased()) }),
            let claims = tokens.verify(token, as: .reset), claims.customerID == record.id,
            AccountTokens.matches(claims, passwordHash: record.passwordHash)
        else { throw invalid }
        let hash = try await hash(password)
        return try await change(record.id) { (account) throws(CheckoutError) in
            account.passwordHash = hash
            // Whoever had a session before the reset (perhaps the reason for it) has none now.
            account.profile.sessionEpoch = (account.profile.sessionEpoch ?? 0) + 1
        }
    }

    /// Sends the orders' email a token that attaches them to the logged-in account.
    public func requestOrderClaim(customerID: String, orders: [(id: String, email: String?)]) async throws(CheckoutError) {
        let account = try await customer(id: customerID)
        let byEmail = Dictionary(grouping: orders.compactMap { order in order.email.map { ($0.lowercased(), order.id) } }, by: \.0)
        for (email, entries) in byEmail.sorted(by: { $0.key < $1.key }) {
            let ids = entries.map(\.1)
            await notifier.deliver(
                .orderClaim(
                    email: email, orderIDs: ids, token: tokens.issue(.claim, customerID: customerID, orderIDs: ids),
                    requestedBy: account.email))
        }
    }

    /// Attaches the orders a claim token names to the account it was made for.
    public func confirmOrderClaim(token: String) async throws(CheckoutError) {
        guard let claims = tokens.verify(token, as: .claim), let ids = claims.orderIDs, !ids.isEmpty else {
            throw CheckoutError.invalidData("Invalid token")
        }
        _ = try await stored { store async throws(StoreError) in try await store.assignOrders(ids: ids, toCustomer: claims.customerID) }
    }

    /// A customer's orders: placed while logged in, or claimed. Guest orders with the account's email are not
    /// listed until claimed: registering needs no proof of owning the email, so an email alone must not open
    /// someone's order history; a claim token goes to the orders' email, which is that proof.
    public func orders(customerID: String, limit: Int, offset: Int) async throws(CheckoutError)
        -> (orders: [OrderRecord], count: Int)
    {
        let account = try await customer(id: customerID)
        return try await stored { store async throws(StoreError) in
            try await store.orders(customerID: account.id, email: nil, limit: limit, offset: offset)
        }
    }

    /// Reads, changes and stores an account, retrying once when another request changed it meanwhile.
    private func change(_ customerID: String, _ edit: (inout CustomerAccount) throws(CheckoutError) -> Void)
        async throws(CheckoutError) -> CustomerAccount
    {
        for attempt in 1...2 {
            var account = try await customer(id: customerID)
            try edit(&account)
            account.updatedAt = now()
            let record = try account.record()
            let stored: CustomerRecord
            do throws(StoreError) {
                stored = try await store.updateCustomer(record)
            } catch {
                switch error.kind {
                case .conflict where attempt == 1: continue
                case .duplicate:
                    throw CheckoutError(.duplicate, "A customer with the given email already has an account")
                default: throw CheckoutError.store(error)
                }
            }
            return try CustomerAccount(stored)
        }
        throw CheckoutError.conflict()
    }

    private func stored<T: Sendable>(_ body: (any CustomerStore) async throws(StoreError) -> T) async throws(CheckoutError) -> T {
        do {
            return try await body(store)
        } catch {
            throw CheckoutError.store(error)
        }
    }

    /// A new password's hash, once it passes the length rules, through the hashing gate.
    private func hash(_ password: String) async throws(CheckoutError) -> String {
        try Self.checkPassword(password)
        return try await hashing.run { () throws(CheckoutError) in try hasher.hash(password) }
    }

    static func checkPassword(_ password: String) throws(CheckoutError) {
        guard password.count >= minimumPasswordLength, password.utf8.count <= maximumPasswordBytes else {
            throw CheckoutError.invalidData(
                "password must be at least \(minimumPasswordLength) characters and at most \(maximumPasswordBytes) bytes")
        }
    }

    /// Hashed once per process, for the timing of unknown-email logins.
    private static let decoyHash = (try? PasswordHasher.standard.hash("decoy password of no account")) ?? ""
}
