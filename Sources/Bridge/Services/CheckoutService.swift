import BridgeStore
import CardCrypto
import Foundation
import FullCartAPI
import Logging

/// What the checkout needs from configuration.
public struct CheckoutSettings: Sendable {
    public var regions: [SalesRegion]
    /// The payment provider id of CartBridge's card provider (listed in each region).
    public var paymentProviderID: String
    /// How long a card JWE may wait in the store for its completion.
    public var cardTTL: Duration
    /// How old a merchant cart snapshot may be and still answer a cart read; zero always asks the merchant.
    public var snapshotMaxAge: Duration
    /// How long requests wait for a cart another request holds.
    public var lockWaits: LockWaits
    /// Completions a cart may have declined within an hour before further attempts get 429 (card testing);
    /// 0 turns the limit off.
    public var declinedCompletionsPerHour: Int
    /// How long a merchant's card-encryption key is used before it is fetched again.
    public var paymentKeyTTL: Duration

    public init(
        regions: [SalesRegion], paymentProviderID: String, cardTTL: Duration, snapshotMaxAge: Duration = .zero,
        lockWaits: LockWaits = LockWaits(), declinedCompletionsPerHour: Int = 5, paymentKeyTTL: Duration = .seconds(300)
    ) {
        self.regions = regions
        self.paymentProviderID = paymentProviderID
        self.cardTTL = cardTTL
        self.snapshotMaxAge = snapshotMaxAge
        self.lockWaits = lockWaits
        self.declinedCompletionsPerHour = declinedCompletionsPerHour
        self.paymentKeyTTL = paymentKeyTTL
    }
}

/// Bounds on waiting for a cart's lock. A read that cannot have it in time answers from the stored cart; a
/// change answers 409 (medusa-js retries it).
public struct LockWaits: Sendable, Hashable {
    public var read: Duration
    public var mutation: Duration

    public init(read: Duration = .milliseconds(250), mutation: Duration = .seconds(10)) {
        self.read = read
        self.mutation = mutation
    }
}

/// The checkout over Full Cart merchants, in the bridge's own terms: commands in, bridge carts, placed orders and
/// completion outcomes out, `CheckoutError` for every failure. Adapters (the Medusa v1 Store API) render them.
///
/// Every cart mutation runs under the store's per-cart lock: load the bridge cart, call the merchants
/// (serially per merchant: Full Cart is not transactional), save, render. Rendering never calls a merchant;
/// it uses the snapshots the calls returned.
public struct CheckoutService: Sendable {
    let settings: CheckoutSettings
    let store: any BridgeStore
    let merchants: MerchantDirectory
    let catalog: CatalogService
    /// Our card keys, reloaded while the server runs.
    let keys: CardKeyring
    /// The merchants' card keys, cached.
    let paymentKeys: MerchantPaymentKeys
    let tables: MappingTables
    let logger: Logger
    let now: @Sendable () -> Date
    /// Called at each completion recovery point by name; the fault tests crash the process there.
    let faultHook: @Sendable (String) -> Void

    public init(
        settings: CheckoutSettings, store: any BridgeStore, merchants: MerchantDirectory, catalog: CatalogService,
        keys: CardKeyring, tables: MappingTables, logger: Logger, now: @escaping @Sendable () -> Date = Date.init,
        faultHook: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.settings = settings
        self.store = store
        self.merchants = merchants
        self.catalog = catalog
        self.keys = keys
        paymentKeys = MerchantPaymentKeys(ttl: settings.paymentKeyTTL, logger: logger)
        self.tables = tables
        self.logger = logger
        self.now = now
        self.faultHook = faultHook
    }

    // MARK: Loading, locking, saving

    struct LoadedCart: Sendable {
        var record: CartRecord
        var cart: BridgeCart
    }

    func load(_ cartID: String) async throws(CheckoutError) -> LoadedCart {
        let record: CartRecord?
        do {
            record = try await store.cart(id: cartID)
        } catch {
            throw CheckoutError.store(error)
        }
        guard let record else { throw CheckoutError.notFound("Cart with \(cartID) was not found") }
        return LoadedCart(record: record, cart: try decode(record.body, of: "Cart \(cartID)"))
    }

    func save(_ loaded: LoadedCart) async throws(CheckoutError) -> LoadedCart {
        var loaded = loaded
        loaded.cart.updatedAt = now()
        do {
            loaded.record.body = try encode(loaded.cart)
            loaded.record.updatedAt = loaded.cart.updatedAt
            loaded.record.completedAt = loaded.cart.completedAt
            loaded.record = try await store.updateCart(loaded.record)
            return loaded
        } catch let error as StoreError {
            throw CheckoutError.store(error)
        } catch {
            throw CheckoutError.internalFailure("Cart \(loaded.cart.id) could not be saved", cause: "\(error)")
        }
    }

    /// Runs `body` on the cart under its lock and saves the result; completed carts are read-only.
    func mutate<T: Sendable>(
        _ cartID: String, _ body: @escaping @Sendable (inout BridgeCart) async throws(CheckoutError) -> T
    ) async throws(CheckoutError) -> (BridgeCart, T) {
        try await locked(cartID) { () async throws(CheckoutError) -> (BridgeCart, T) in
            var loaded = try await load(cartID)
            guard loaded.cart.completedAt == nil else {
                throw CheckoutError.notAllowed("Cart \(cartID) has been completed")
            }
            let result = try await body(&loaded.cart)
            loaded = try await save(loaded)
            return (loaded.cart, result)
        }
    }

    /// Mutates and answers the saved cart, the shape of most cart changes.
    func change(
        _ cartID: String, _ body: @escaping @Sendable (inout BridgeCart) async throws(CheckoutError) -> Void
    ) async throws(CheckoutError) -> BridgeCart {
        try await mutate(cartID, body).0
    }

    /// Runs `body` under the cart's lock, waiting at most `settings.lockWaits.mutation` for it: a cart held
    /// longer (its holder waiting on a slow merchant) is a conflict (Medusa's 409, which medusa-js retries).
    func locked<T: Sendable>(_ cartID: String, _ body: @escaping @Sendable () async throws(CheckoutError) -> T)
        async throws(CheckoutError) -> T
    {
        guard let result = try await lockedIfFree(cartID, waitingAtMost: settings.lockWaits.mutation, body) else {
            logger.notice("cart lock not available in time", metadata: ["cart": "\(cartID)"])
            throw CheckoutError.conflict(retryAfterSeconds: 1)
        }
        return result
    }

    /// Runs `body` under the cart's lock, or returns nil when the lock could not be had within `wait`.
    func lockedIfFree<T: Sendable>(
        _ cartID: String, waitingAtMost wait: Duration, _ body: @escaping @Sendable () async throws(CheckoutError) -> T
    ) async throws(CheckoutError) -> T? {
        do {
            return try await store.withCartLock(cartID, waitingAtMost: wait) { try await body() }
        } catch let error as CheckoutError {
            throw error
        } catch {
            throw CheckoutError.store(error)
        }
    }

    // MARK: Merchant calls

    /// One merchant call for `merchant`, keeping its renewed session and the cart it returns (`keep`).
    func call(
        _ merchant: inout MerchantCart, in cart: BridgeCart,
        _ operation: (any FullCartMerchantAPI, DeviceSession) async throws(FullCartError) -> Authenticated<FullCartCart>
    ) async throws(CheckoutError) {
        let client = try merchants.client(for: merchant.domain)
        let result: Authenticated<FullCartCart>
        do throws(FullCartError) {
            result = try await operation(client, merchant.session)
        } catch {
            throw CheckoutError.merchant(error, domain: merchant.domain)
        }
        merchant.session = result.session
        try keep(result.value, at: &merchant, in: cart)
    }

    /// As `call`, for a change that is not safe to repeat (adding a line). When its outcome is unknown (no answer,
    /// or an answer that is not the merchant's own), the merchant cart is read back and `applied` decides from
    /// it: applied, the read-back is the answer; not applied, the failure stands and a retry is safe. When the
    /// change may have been made but cannot be confirmed, the answer is `unconfirmedChange` (never retried blindly).
    func callOnce(
        _ merchant: inout MerchantCart, in cart: BridgeCart,
        _ operation: (any FullCartMerchantAPI, DeviceSession) async throws(FullCartError) -> Authenticated<FullCartCart>,
        applied: (FullCartCart) -> Bool
    ) async throws(CheckoutError) {
        let client = try merchants.client(for: merchant.domain)
        let result: Authenticated<FullCartCart>
        do throws(FullCartError) {
            result = try await operation(client, merchant.session)
        } catch where error.mayHaveTakenEffect {
            var readBack = merchant
            do throws(CheckoutError) {
                try await call(&readBack, in: cart) { client, session async throws(FullCartError) in
                    try await client.cart(session: session)
                }
            } catch {
                throw Self.unconfirmedChange(merchant.domain, cause: "\(error.cause ?? "\(error)") after \(error)")
            }
            guard let snapshot = readBack.snapshot, applied(snapshot) else {
                throw CheckoutError.merchant(error, domain: merchant.domain)
            }
            logger.notice(
                "a change whose answer was lost was found made at the merchant",
                metadata: ["merchant": "\(merchant.domain)", "error": "\(error)"])
            merchant = readBack
            return
        } catch {
            throw CheckoutError.merchant(error, domain: merchant.domain)
        }
        merchant.session = result.session
        do throws(CheckoutError) {
            try keep(result.value, at: &merchant, in: cart)
        } catch {
            throw Self.unconfirmedChange(merchant.domain, cause: error.cause ?? "\(error)")
        }
    }

    /// A change that may have been made at the merchant although CartBridge cannot show it.
    static func unconfirmedChange(_ domain: String, cause: String) -> CheckoutError {
        CheckoutError(
            .unconfirmedChange, "The merchant \(domain) may have made the change; read the cart before trying again",
            cause: cause)
    }

    /// Keeps a merchant's cart answer. One that holds a placed order is recorded at once (an order of ours is
    /// never dropped, whatever its amounts say); any other is kept only once it passed `accept`.
    func keep(_ answer: FullCartCart, at merchant: inout MerchantCart, in cart: BridgeCart) throws(CheckoutError) {
        if Self.isPlacedOrder(answer) {
            record(answer, at: &merchant, in: cart)
            return
        }
        try accept(answer, from: merchant.domain, for: cart)
        merchant.snapshot = answer
        merchant.snapshotAt = now()
    }

    /// Checks a merchant cart before it is stored or rendered (`MerchantCartCheck`): amounts in the cart's
    /// currency and within bounds, sizes within bounds.
    func accept(_ merchantCart: FullCartCart, from domain: String, for cart: BridgeCart) throws(CheckoutError) {
        let currency = try region(for: cart).currencyCode
        do throws(MerchantCartCheck.Problem) {
            try MerchantCartCheck.check(merchantCart, currency: currency)
        } catch {
            throw CheckoutError(
                .badMerchantAnswer, "The merchant \(domain) answered a cart CartBridge cannot accept (\(error))",
                cause: "merchant cart check: \(error)")
        }
    }

    /// The cart's entry for `domain`, creating the device session on first use.
    func merchantCart(for domain: String, in cart: BridgeCart) async throws(CheckoutError) -> MerchantCart {
        if let existing = cart.merchant(domain) { return existing }
        let client = try merchants.client(for: domain)
        do throws(FullCartError) {
            return MerchantCart(domain: domain, session: try await client.createSession())
        } catch {
            throw CheckoutError.merchant(error, domain: domain)
        }
    }

    public func region(id: String) throws(CheckoutError) -> SalesRegion {
        guard let region = settings.regions.first(where: { $0.id == id }) else {
            throw CheckoutError.notFound("Region with \(id) was not found")
        }
        return region
    }

    func region(for cart: BridgeCart) throws(CheckoutError) -> SalesRegion {
        try region(id: cart.regionID)
    }

    var addresses: AddressTranslation { AddressTranslation(table: tables.addressFields) }

    // MARK: What adapters read

    /// The regions, in configuration order.
    public var regions: [SalesRegion] { settings.regions }
    /// The payment provider id of CartBridge's card provider.
    public var paymentProviderID: String { settings.paymentProviderID }
    /// The id tables for storefront-facing product and variant ids.
    public var pinnedIDs: PinnedIDs { tables.pinnedIDs }
    /// Our current card key to publish, if one is loaded.
    public var currentCardKey: RSAPublicJWK? { keys.current?.current.publicJWK }
    /// The catalog cache, for listings and for the product facts of a cart's lines.
    public var catalogService: CatalogService { catalog }
    public var clock: @Sendable () -> Date { now }

    /// Our keys, or `unavailable` when none are loaded (readiness says so too). With `kid`, the folder is read
    /// again first when that key is not among them (another instance may already publish it).
    func cardKeys(including kid: String? = nil) throws(CheckoutError) -> CardKeyStore {
        var current = keys.current
        if let kid {
            let (reloaded, outcome) = keys.keys(including: kid)
            current = reloaded
            if case .changed(let currentKid, _, let added, _)? = outcome {
                logger.notice(
                    "card keys reloaded for a card under a kid not loaded yet",
                    metadata: ["kid": "\(currentKid)", "added": "\(added.joined(separator: ","))"])
            }
        }
        guard let store = current else {
            throw CheckoutError(
                .unavailable, "CartBridge has no card key loaded; card payments are unavailable", retryAfterSeconds: 30,
                cause: keys.failure.map { "\($0)" } ?? "no key loaded from \(keys.directoryPath)")
        }
        return store
    }
}
