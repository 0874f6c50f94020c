import BridgeStore
import CardCrypto
import Foundation
import FullCartAPI
import BoundedCache
import Logging
import WireJSON

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

/// What every part of the checkout works with.
struct CheckoutDependencies: Sendable {
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
    /// Carts decoded once per stored version: a cart is used only when its version is the one the store holds
    /// (every update bumps it), so the cache is safe with several instances.
    let decodedCarts: BoundedCache<String, VersionedCart>
}

/// A part of the checkout with one responsibility (`CartEditing`, `ShippingSelection`, `PaymentSessions`,
/// `CartCompletion`, `OrderLookup`). The steps they share (`CartAccess`, `MerchantCalls`, `CartSteps`) are
/// extensions of this protocol.
protocol CheckoutPart: Sendable {
    var dependencies: CheckoutDependencies { get }
}

extension CheckoutPart {
    var settings: CheckoutSettings { dependencies.settings }
    var store: any BridgeStore { dependencies.store }
    var merchants: MerchantDirectory { dependencies.merchants }
    var catalog: CatalogService { dependencies.catalog }
    var keys: CardKeyring { dependencies.keys }
    var paymentKeys: MerchantPaymentKeys { dependencies.paymentKeys }
    var tables: MappingTables { dependencies.tables }
    var logger: Logger { dependencies.logger }
    var now: @Sendable () -> Date { dependencies.now }
    var faultHook: @Sendable (String) -> Void { dependencies.faultHook }
}

/// A cart as read from the store, with the record it came from (its version guards the save).
struct LoadedCart: Sendable {
    var record: CartRecord
    var cart: BridgeCart
}

/// The checkout over Full Cart merchants, in the bridge's own terms: commands in, bridge carts, placed orders and
/// completion outcomes out, `CheckoutError` for every failure. Adapters (the Medusa v1 Store API) render them.
///
/// Every cart change runs under the store's per-cart lock: load the bridge cart, call the merchants (serially
/// per merchant: Full Cart is not transactional), save. Each responsibility is a part of its own; this is the
/// one door to them.
public struct CheckoutService: Sendable {
    let dependencies: CheckoutDependencies
    let editing: CartEditing
    let shipping: ShippingSelection
    let payment: PaymentSessions
    let completion: CartCompletion
    let orders: OrderLookup

    public init(
        settings: CheckoutSettings, store: any BridgeStore, merchants: MerchantDirectory, catalog: CatalogService,
        keys: CardKeyring, tables: MappingTables, logger: Logger, now: @escaping @Sendable () -> Date = Date.init,
        faultHook: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        let dependencies = CheckoutDependencies(
            settings: settings, store: store, merchants: merchants, catalog: catalog, keys: keys,
            paymentKeys: MerchantPaymentKeys(ttl: settings.paymentKeyTTL, logger: logger), tables: tables,
            logger: logger, now: now, faultHook: faultHook, decodedCarts: BoundedCache(capacity: 128))
        self.dependencies = dependencies
        editing = CartEditing(dependencies: dependencies)
        shipping = ShippingSelection(dependencies: dependencies)
        payment = PaymentSessions(dependencies: dependencies)
        completion = CartCompletion(dependencies: dependencies)
        orders = OrderLookup(dependencies: dependencies)
    }

    // MARK: Carts

    public func createCart(_ body: NewCart) async throws(CheckoutError) -> BridgeCart {
        try await editing.createCart(body)
    }

    /// A read; stale merchant snapshots are read afresh first (see `CartEditing.cart(id:)`). The answer is always
    /// a stored version of the cart, with its version number.
    public func cart(id: String) async throws(CheckoutError) -> VersionedCart {
        let loaded = try await editing.cart(id: id)
        return VersionedCart(cart: loaded.cart, version: loaded.record.version)
    }

    /// The cart as stored, without asking any merchant or waiting for its lock.
    public func storedCart(id: String) async throws(CheckoutError) -> BridgeCart {
        try await editing.storedCart(id: id)
    }

    public func updateCart(id: String, _ changes: CartChanges) async throws(CheckoutError) -> BridgeCart {
        try await editing.updateCart(id: id, changes)
    }

    public func addLineItem(cartID: String, variantID: String, quantity: Int) async throws(CheckoutError) -> BridgeCart {
        try await editing.addLineItem(cartID: cartID, variantID: variantID, quantity: quantity)
    }

    public func updateLineItem(cartID: String, lineID: String, quantity: Int) async throws(CheckoutError) -> BridgeCart {
        try await editing.updateLineItem(cartID: cartID, lineID: lineID, quantity: quantity)
    }

    public func deleteLineItem(cartID: String, lineID: String) async throws(CheckoutError) -> BridgeCart {
        try await editing.deleteLineItem(cartID: cartID, lineID: lineID)
    }

    public func deleteDiscount(cartID: String, code: String) async throws(CheckoutError) -> BridgeCart {
        try await editing.deleteDiscount(cartID: cartID, code: code)
    }

    public func updateAddons(cartID: String, _ changes: AddonChanges) async throws(CheckoutError) -> BridgeCart {
        try await editing.updateAddons(cartID: cartID, changes)
    }

    // MARK: Shipping

    public func addShippingMethod(cartID: String, optionID: String, data: [String: JSONValue])
        async throws(CheckoutError) -> BridgeCart
    {
        try await shipping.addShippingMethod(cartID: cartID, optionID: optionID, data: data)
    }

    // MARK: Payment

    public func createPaymentSessions(cartID: String) async throws(CheckoutError) -> BridgeCart {
        try await payment.createPaymentSessions(cartID: cartID)
    }

    public func selectPaymentSession(cartID: String, providerID: String) async throws(CheckoutError) -> BridgeCart {
        try await payment.selectPaymentSession(cartID: cartID, providerID: providerID)
    }

    public func setCard(cartID: String, providerID: String, encryptedCard jwe: String, captchaToken: String? = nil)
        async throws(CheckoutError) -> BridgeCart
    {
        try await payment.setCard(cartID: cartID, providerID: providerID, encryptedCard: jwe, captchaToken: captchaToken)
    }

    public func refreshPaymentSession(cartID: String, providerID: String) async throws(CheckoutError) -> BridgeCart {
        try await payment.refreshPaymentSession(cartID: cartID, providerID: providerID)
    }

    public func deletePaymentSession(cartID: String, providerID: String) async throws(CheckoutError) -> BridgeCart {
        try await payment.deletePaymentSession(cartID: cartID, providerID: providerID)
    }

    public func calculateTaxes(cartID: String) async throws(CheckoutError) -> BridgeCart {
        try await payment.calculateTaxes(cartID: cartID)
    }

    // MARK: Completion and orders

    public func complete(cartID: String) async throws(CheckoutError) -> CompletionOutcome {
        try await completion.complete(cartID: cartID)
    }

    public func order(id: String) async throws(CheckoutError) -> PlacedOrder? {
        try await orders.order(id: id)
    }

    public func order(cartID: String) async throws(CheckoutError) -> PlacedOrder? {
        try await orders.order(cartID: cartID)
    }

    /// Medusa's guest lookup: the display id with the order's email (compared case-insensitively).
    public func order(displayID: Int, email: String) async throws(CheckoutError) -> PlacedOrder? {
        try await orders.order(displayID: displayID, email: email)
    }

    /// A stored order record (an account's order list) as the order it holds.
    public func placedOrder(_ record: OrderRecord) throws(CheckoutError) -> PlacedOrder {
        try orders.placedOrder(record)
    }

    // MARK: What adapters read

    /// The id tables for storefront-facing product and variant ids.
    public var pinnedIDs: PinnedIDs { dependencies.tables.pinnedIDs }
    /// Our current card key to publish, if one is loaded.
    public var currentCardKey: RSAPublicJWK? { dependencies.keys.current?.current.publicJWK }
    /// The catalog cache, for listings and for the product facts of a cart's lines.
    public var catalogService: CatalogService { dependencies.catalog }
    public var clock: @Sendable () -> Date { dependencies.now }
}
