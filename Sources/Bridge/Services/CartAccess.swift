import BridgeStore
import CardCrypto
import Foundation

/// Loading, locking and saving carts, and reading orders back: what every part of the checkout does first.
extension CheckoutPart {
    func load(_ cartID: String) async throws(CheckoutError) -> LoadedCart {
        let record: CartRecord?
        do {
            record = try await store.cart(id: cartID)
        } catch {
            throw CheckoutError.store(error)
        }
        guard let record else { throw CheckoutError.notFound("Cart with \(cartID) was not found") }
        if let cached = dependencies.decodedCarts[cartID], cached.version == record.version {
            return LoadedCart(record: record, cart: cached.cart)
        }
        let cart = try decode(record.body, of: "Cart \(cartID)")
        dependencies.decodedCarts.set(VersionedCart(cart: cart, version: record.version), for: cartID)
        return LoadedCart(record: record, cart: cart)
    }

    func save(_ loaded: LoadedCart) async throws(CheckoutError) -> LoadedCart {
        var loaded = loaded
        loaded.cart.updatedAt = now()
        do {
            loaded.record.body = try encode(loaded.cart)
            loaded.record.updatedAt = loaded.cart.updatedAt
            loaded.record.completedAt = loaded.cart.completedAt
            loaded.record = try await store.updateCart(loaded.record)
            dependencies.decodedCarts.set(
                VersionedCart(cart: loaded.cart, version: loaded.record.version), for: loaded.cart.id)
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

    func encode(_ cart: BridgeCart) throws(CheckoutError) -> Data {
        do {
            return try CartDocument.encode(cart)
        } catch {
            throw CheckoutError.internalFailure("Cart \(cart.id) could not be encoded", cause: "stored cart: \(error)")
        }
    }

    /// A stored cart or order body as the domain's cart; what could not be read is logged, and a snapshot
    /// dropped that way is read from the merchant again.
    func decode(_ body: Data, of what: String) throws(CheckoutError) -> BridgeCart {
        do throws(CartDocument.Unreadable) {
            let read = try CartDocument.decode(body)
            for problem in read.dropped {
                logger.warning("stored cart partly unreadable", metadata: ["cart": "\(read.cart.id)", "dropped": "\(problem)"])
            }
            return read.cart
        } catch {
            throw CheckoutError.internalFailure("\(what) could not be read", cause: "stored cart: \(error)")
        }
    }

    func region(id: String) throws(CheckoutError) -> SalesRegion {
        guard let region = settings.regions.first(where: { $0.id == id }) else {
            throw CheckoutError.notFound("Region with \(id) was not found")
        }
        return region
    }

    func region(for cart: BridgeCart) throws(CheckoutError) -> SalesRegion {
        try region(id: cart.regionID)
    }

    var addresses: AddressTranslation { AddressTranslation(table: tables.addressFields) }

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

    func placedOrder(_ lookup: (any BridgeStore) async throws -> OrderRecord?) async throws(CheckoutError)
        -> PlacedOrder?
    {
        let record: OrderRecord?
        do {
            record = try await lookup(store)
        } catch {
            throw CheckoutError.store(error)
        }
        return try record.map { (record) throws(CheckoutError) in try placedOrder(record) }
    }

    func placedOrder(_ record: OrderRecord) throws(CheckoutError) -> PlacedOrder {
        PlacedOrder(
            id: record.id, displayID: record.displayID, createdAt: record.createdAt,
            cart: try decode(record.body, of: "Order \(record.id)"), customerID: record.customerID)
    }
}
