import BridgeStore
import CardCrypto
import Foundation
import FullCartAPI
import Logging
import MedusaAPI

/// What the checkout needs from configuration.
public struct CheckoutSettings: Sendable {
    public var regions: [Region]
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
        regions: [Region], paymentProviderID: String, cardTTL: Duration, snapshotMaxAge: Duration = .zero,
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

/// The Medusa v1 storefront checkout over Full Cart merchants (`StorefrontAPI`).
///
/// Every cart mutation runs under the store's per-cart lock: load the bridge cart, call the merchants
/// (serially per merchant: Full Cart is not transactional), save, render. Rendering never calls a merchant;
/// it uses the snapshots the calls returned.
public struct CheckoutService: StorefrontAPI {
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

    func load(_ cartID: String) async throws(MedusaError) -> LoadedCart {
        let record: CartRecord?
        do {
            record = try await store.cart(id: cartID)
        } catch {
            throw Self.storeFailure(error)
        }
        guard let record else { throw MedusaError.notFound("Cart with \(cartID) was not found") }
        return LoadedCart(record: record, cart: try decode(record.body, of: "Cart \(cartID)"))
    }

    func save(_ loaded: LoadedCart) async throws(MedusaError) -> LoadedCart {
        var loaded = loaded
        loaded.cart.updatedAt = now()
        do {
            loaded.record.body = try encode(loaded.cart)
            loaded.record.updatedAt = loaded.cart.updatedAt
            loaded.record.completedAt = loaded.cart.completedAt
            loaded.record = try await store.updateCart(loaded.record)
            return loaded
        } catch let error as StoreError {
            throw Self.storeFailure(error)
        } catch {
            throw MedusaError.unexpectedState("Cart \(loaded.cart.id) could not be saved", cause: "\(error)")
        }
    }

    /// Runs `body` on the cart under its lock and saves the result; completed carts are read-only.
    func mutate<T: Sendable>(
        _ cartID: String, _ body: @escaping @Sendable (inout BridgeCart) async throws(MedusaError) -> T
    ) async throws(MedusaError) -> (BridgeCart, T) {
        try await locked(cartID) { () async throws(MedusaError) -> (BridgeCart, T) in
            var loaded = try await load(cartID)
            guard loaded.cart.completedAt == nil else {
                throw MedusaError.notAllowed("Cart \(cartID) has been completed")
            }
            let result = try await body(&loaded.cart)
            loaded = try await save(loaded)
            return (loaded.cart, result)
        }
    }

    /// Mutates and renders, the shape of most cart routes.
    func mutateAndRender(
        _ cartID: String, _ body: @escaping @Sendable (inout BridgeCart) async throws(MedusaError) -> Void
    ) async throws(MedusaError) -> Cart {
        let (cart, _) = try await mutate(cartID, body)
        return try await render(cart)
    }

    /// Runs `body` under the cart's lock, waiting at most `settings.lockWaits.mutation` for it: a cart held
    /// longer (its holder waiting on a slow merchant) answers Medusa's 409, which medusa-js retries.
    func locked<T: Sendable>(_ cartID: String, _ body: @escaping @Sendable () async throws(MedusaError) -> T)
        async throws(MedusaError) -> T
    {
        guard let result = try await lockedIfFree(cartID, waitingAtMost: settings.lockWaits.mutation, body) else {
            logger.notice("cart lock not available in time", metadata: ["cart": "\(cartID)"])
            throw MedusaError.conflict(retryAfterSeconds: 1)
        }
        return result
    }

    /// Runs `body` under the cart's lock, or returns nil when the lock could not be had within `wait`.
    func lockedIfFree<T: Sendable>(
        _ cartID: String, waitingAtMost wait: Duration, _ body: @escaping @Sendable () async throws(MedusaError) -> T
    ) async throws(MedusaError) -> T? {
        do {
            return try await store.withCartLock(cartID, waitingAtMost: wait) { try await body() }
        } catch let error as MedusaError {
            throw error
        } catch let error as StoreError {
            throw Self.storeFailure(error)
        } catch is CancellationError {
            throw MedusaError.unexpectedState("The request was cancelled")
        } catch {
            throw MedusaError.unexpectedState("Cart \(cartID) could not be locked", cause: "\(error)")
        }
    }

    /// A store failure in Medusa's words; the store's own description goes to the log as the cause.
    static func storeFailure(_ error: any Error) -> MedusaError {
        if let error = error as? StoreError, error.kind == .conflict {
            return MedusaError.conflict()
        }
        return MedusaError.unexpectedState("The cart store is unavailable", cause: "\(error)")
    }

    // MARK: Merchant calls

    /// One merchant call for `merchant`, keeping its renewed session and the cart it returns (`keep`).
    func call(
        _ merchant: inout MerchantCart, in cart: BridgeCart,
        _ operation: (any FullCartMerchantAPI, DeviceSession) async throws(FullCartError) -> Authenticated<FullCartCart>
    ) async throws(MedusaError) {
        let client = try merchants.client(for: merchant.domain)
        let result: Authenticated<FullCartCart>
        do throws(FullCartError) {
            result = try await operation(client, merchant.session)
        } catch {
            throw tables.errorCodes.translate(error, domain: merchant.domain)
        }
        merchant.session = result.session
        try keep(result.value, at: &merchant, in: cart)
    }

    /// As `call`, for a change that is not safe to repeat (adding a line). When its outcome is unknown (no answer,
    /// or an answer that is not the merchant's own), the merchant cart is read back and `applied` decides from
    /// it: applied, the read-back is the answer; not applied, the failure stands and a retry is safe. When the
    /// change may have been made but cannot be confirmed, the answer is a 500, which medusa-js does not retry.
    func callOnce(
        _ merchant: inout MerchantCart, in cart: BridgeCart,
        _ operation: (any FullCartMerchantAPI, DeviceSession) async throws(FullCartError) -> Authenticated<FullCartCart>,
        applied: (FullCartCart) -> Bool
    ) async throws(MedusaError) {
        let client = try merchants.client(for: merchant.domain)
        let result: Authenticated<FullCartCart>
        do throws(FullCartError) {
            result = try await operation(client, merchant.session)
        } catch where error.mayHaveTakenEffect {
            var readBack = merchant
            do throws(MedusaError) {
                try await call(&readBack, in: cart) { client, session async throws(FullCartError) in
                    try await client.cart(session: session)
                }
            } catch {
                throw Self.unconfirmedChange(merchant.domain, cause: "\(error.cause ?? "\(error)") after \(error)")
            }
            guard let snapshot = readBack.snapshot, applied(snapshot) else {
                throw tables.errorCodes.translate(error, domain: merchant.domain)
            }
            logger.notice(
                "a change whose answer was lost was found made at the merchant",
                metadata: ["merchant": "\(merchant.domain)", "error": "\(error)"])
            merchant = readBack
            return
        } catch {
            throw tables.errorCodes.translate(error, domain: merchant.domain)
        }
        merchant.session = result.session
        do throws(MedusaError) {
            try keep(result.value, at: &merchant, in: cart)
        } catch {
            throw Self.unconfirmedChange(merchant.domain, cause: error.cause ?? "\(error)")
        }
    }

    /// A change that may have been made at the merchant although CartBridge cannot show it: a 500, so that no
    /// client retries it blindly (medusa-js retries 409 and 501–599).
    static func unconfirmedChange(_ domain: String, cause: String) -> MedusaError {
        MedusaError(
            .unexpectedState, "The merchant \(domain) may have made the change; read the cart before trying again",
            cause: cause)
    }

    /// Keeps a merchant's cart answer. One that holds a placed order is recorded at once (an order of ours is
    /// never dropped, whatever its amounts say); any other is kept only once it passed `accept`.
    func keep(_ answer: FullCartCart, at merchant: inout MerchantCart, in cart: BridgeCart) throws(MedusaError) {
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
    func accept(_ merchantCart: FullCartCart, from domain: String, for cart: BridgeCart) throws(MedusaError) {
        let currency = try region(for: cart).currencyCode
        do throws(MerchantCartCheck.Problem) {
            try MerchantCartCheck.check(merchantCart, currency: currency)
        } catch {
            throw MedusaError(
                .unexpectedState, "The merchant \(domain) answered a cart CartBridge cannot accept (\(error))",
                status: 502, cause: "merchant cart check: \(error)")
        }
    }

    /// The cart's entry for `domain`, creating the device session on first use.
    func merchantCart(for domain: String, in cart: BridgeCart) async throws(MedusaError) -> MerchantCart {
        if let existing = cart.merchant(domain) { return existing }
        let client = try merchants.client(for: domain)
        do throws(FullCartError) {
            return MerchantCart(domain: domain, session: try await client.createSession())
        } catch {
            throw tables.errorCodes.translate(error, domain: domain)
        }
    }

    func region(for cart: BridgeCart) throws(MedusaError) -> Region {
        try region(id: cart.regionID)
    }

    // MARK: Rendering

    var addresses: AddressTranslation { AddressTranslation(table: tables.addressFields) }

    func render(_ cart: BridgeCart) async throws(MedusaError) -> Cart {
        CartRendering.render(
            cart, region: try region(for: cart), catalog: await catalogInfo(for: cart), pinned: tables.pinnedIDs,
            paymentSessionData: paymentSessionData)
    }

    /// Product facts for the cart's items (`items[].variant.product`), from the catalog cache only.
    func catalogInfo(for cart: BridgeCart) async -> [String: CatalogVariantInfo] {
        var info: [String: CatalogVariantInfo] = [:]
        for merchant in cart.merchants {
            let lines = merchant.placedOrder?.cart.lineItems ?? merchant.snapshot?.lineItems ?? []
            for line in lines {
                guard let sku = line.sku ?? line.variantID,
                    let (entry, _) = await catalog.cachedVariant(domain: merchant.domain, sku: sku)
                else { continue }
                let product = ProductTranslation.pricedProduct(
                    entry.product, domain: entry.domain, pinned: tables.pinnedIDs, region: nil, now: cart.createdAt)
                info.merge(CatalogVariantInfo.entries(for: product)) { first, _ in first }
            }
        }
        return info
    }

    /// Session data for the storefront: our current public key to encrypt the card with, and the masked card
    /// once set. Without a key (none loaded yet) the session carries no key, and a card cannot be added.
    @Sendable func paymentSessionData(_ payment: PaymentState) -> JSONObject {
        PaymentSessionTranslation.data(publicKey: keys.current?.current.publicJWK, card: payment.card)
    }

    /// Our keys, or the 503 that says none are loaded (readiness says so too). With `kid`, the folder is read
    /// again first when that key is not among them (another instance may already publish it).
    func cardKeys(including kid: String? = nil) throws(MedusaError) -> CardKeyStore {
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
            throw MedusaError(
                .unexpectedState, "CartBridge has no card key loaded; card payments are unavailable",
                headers: ["Retry-After": "30"], status: 503,
                cause: keys.failure.map { "\($0)" } ?? "no key loaded from \(keys.directoryPath)")
        }
        return store
    }
}
