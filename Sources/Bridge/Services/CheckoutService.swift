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

    public init(regions: [Region], paymentProviderID: String, cardTTL: Duration, snapshotMaxAge: Duration = .zero) {
        self.regions = regions
        self.paymentProviderID = paymentProviderID
        self.cardTTL = cardTTL
        self.snapshotMaxAge = snapshotMaxAge
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
    let keys: CardKeyStore
    let tables: MappingTables
    let logger: Logger
    let now: @Sendable () -> Date
    /// Called at each completion recovery point by name; the fault tests crash the process there.
    let faultHook: @Sendable (String) -> Void
    /// Our public key as payment-session data, built once.
    let publicKeyJWK: JSONObject

    public init(
        settings: CheckoutSettings, store: any BridgeStore, merchants: MerchantDirectory, catalog: CatalogService,
        keys: CardKeyStore, tables: MappingTables, logger: Logger, now: @escaping @Sendable () -> Date = Date.init,
        faultHook: @escaping @Sendable (String) -> Void = { _ in }
    ) throws {
        self.settings = settings
        self.store = store
        self.merchants = merchants
        self.catalog = catalog
        self.keys = keys
        self.tables = tables
        self.logger = logger
        self.now = now
        self.faultHook = faultHook
        publicKeyJWK = try JSONDecoder().decode(JSONObject.self, from: JSONEncoder().encode(keys.current.publicJWK))
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
        do {
            return LoadedCart(record: record, cart: try JSONDecoder().decode(BridgeCart.self, from: record.body))
        } catch {
            throw MedusaError.unexpectedState("Cart \(cartID) could not be read")
        }
    }

    func save(_ loaded: LoadedCart) async throws(MedusaError) -> LoadedCart {
        var loaded = loaded
        loaded.cart.updatedAt = now()
        do {
            loaded.record.body = try JSONEncoder().encode(loaded.cart)
            loaded.record.updatedAt = loaded.cart.updatedAt
            loaded.record.completedAt = loaded.cart.completedAt
            loaded.record = try await store.updateCart(loaded.record)
            return loaded
        } catch let error as StoreError {
            throw Self.storeFailure(error)
        } catch {
            throw MedusaError.unexpectedState("Cart \(loaded.cart.id) could not be saved")
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

    func locked<T: Sendable>(_ cartID: String, _ body: @escaping @Sendable () async throws(MedusaError) -> T)
        async throws(MedusaError) -> T
    {
        do {
            return try await store.withCartLock(cartID) { try await body() }
        } catch let error as MedusaError {
            throw error
        } catch let error as StoreError {
            throw Self.storeFailure(error)
        } catch is CancellationError {
            throw MedusaError.unexpectedState("The request was cancelled")
        } catch {
            throw MedusaError.unexpectedState("Cart \(cartID) could not be locked")
        }
    }

    static func storeFailure(_ error: any Error) -> MedusaError {
        if let error = error as? StoreError, error.kind == .conflict {
            return MedusaError.conflict()
        }
        return MedusaError.unexpectedState("The cart store is unavailable")
    }

    // MARK: Merchant calls

    /// One merchant call for `merchant`, keeping its renewed session and the cart it returns.
    func call(
        _ merchant: inout MerchantCart,
        _ operation: (FullCartClient, DeviceSession) async throws(FullCartError) -> Authenticated<FullCartCart>
    ) async throws(MedusaError) {
        let client = try merchants.client(for: merchant.domain)
        do throws(FullCartError) {
            let result = try await operation(client, merchant.session)
            merchant.session = result.session
            merchant.snapshot = result.value
            merchant.snapshotAt = now()
        } catch {
            throw tables.errorCodes.translate(error, domain: merchant.domain)
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

    /// Session data for the storefront: our public key to encrypt the card with, and the masked card once set.
    @Sendable func paymentSessionData(_ payment: PaymentState) -> JSONObject {
        PaymentSessionTranslation.data(publicKeyJWK: publicKeyJWK, kid: keys.current.kid, card: payment.card)
    }
}
