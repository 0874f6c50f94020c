import BridgeStore
import CardCrypto
import Foundation
import FullCartAPI
import MedusaAPI

extension CheckoutService {
    /// Completes the cart: one order per merchant, then one Medusa order.
    ///
    /// Runs under the cart lock, recording its recovery points under `idempotencyKey`. Before complete-order
    /// goes to a merchant, the cart is saved with `completeOrderSentAt`; each placed order is saved before the
    /// next merchant is called. So a retry, after a lost answer or a crash, resumes after the last placed
    /// merchant, and never re-sends complete-order blind: it reads the merchant cart back first, and
    /// `submitted` with an order number counts as placed.
    public func complete(cartID: String, idempotencyKey: String) async throws(MedusaError) -> StoreCompleteCartRes {
        try await locked(cartID) { () async throws(MedusaError) -> StoreCompleteCartRes in
            var loaded = try await load(cartID)
            if let orderID = loaded.cart.orderID {
                CheckoutMetrics.completion(outcome: "already_completed")
                return .order(try await order(id: orderID))
            }
            try await reachedRecoveryPoint(.started, key: idempotencyKey)

            let card: StoredCard
            let plaintext: [UInt8]?
            do throws(MedusaError) {
                try await refreshSnapshots(&loaded.cart)
                try adoptOrdersPlacedEarlier(&loaded.cart)
                loaded = try await save(loaded)
                // Every merchant placed (an earlier attempt stopped before the Medusa order): nothing is left to
                // pay for, so an expired card or a rotated key must not stand in the way.
                let merchants = loaded.cart.activeMerchants
                if !merchants.isEmpty, merchants.allSatisfy({ $0.placedOrder != nil }) {
                    let order = try await recordOrder(&loaded)
                    CheckoutMetrics.completion(outcome: "placed")
                    return .order(order)
                }
                try checkPrerequisites(loaded.cart)
                card = try await storedCard(for: loaded.cart)
                plaintext = try decryptIfOurs(card)
            } catch {
                CheckoutMetrics.completion(outcome: "refused")
                throw error
            }

            for (index, domain) in loaded.cart.activeMerchants.map(\.domain).enumerated() {
                guard var merchant = loaded.cart.merchant(domain), merchant.placedOrder == nil else { continue }
                let number = index + 1
                do throws(MedusaError) {
                    try checkNoAttemptPending(merchant)
                    let client = try merchants.client(for: domain)
                    let encryptedCard = try await cardForMerchant(client, card: card, plaintext: plaintext)
                    merchant.completeOrderSentAt = now()
                    loaded.cart.upsert(merchant)
                    loaded = try await save(loaded)
                    try await reachedRecoveryPoint(.merchantRequested(number), key: idempotencyKey)
                    try await placeOrder(at: &merchant, cart: loaded.cart, client: client, encryptedCard: encryptedCard)
                    faultHook(RecoveryPoint.merchantAnswered(number).name)
                    loaded.cart.upsert(merchant)
                    loaded = try await save(loaded)
                    try await reachedRecoveryPoint(.merchantPlaced(number), key: idempotencyKey)
                } catch {
                    loaded.cart.upsert(merchant)
                    return try await failedCompletion(error, loaded: &loaded)
                }
            }
            let order = try await recordOrder(&loaded)
            CheckoutMetrics.completion(outcome: "placed")
            try await reachedRecoveryPoint(.orderRecorded, key: idempotencyKey)
            return .order(order)
        }
    }

    /// A merchant whose complete-order was sent by an earlier attempt and whose cart now reads `submitted` with
    /// an order number has placed it: the earlier attempt's answer was lost (or the process died).
    func adoptOrdersPlacedEarlier(_ cart: inout BridgeCart) throws(MedusaError) {
        for var merchant in cart.merchants where merchant.placedOrder == nil && merchant.completeOrderSentAt != nil {
            guard let snapshot = merchant.snapshot, snapshot.status == .submitted, snapshot.platformOrderNumber != nil
            else { continue }
            try record(snapshot, at: &merchant)
            cart.upsert(merchant)
            logger.notice(
                "adopted a merchant order placed by an earlier attempt",
                metadata: ["merchant": "\(merchant.domain)", "cart": "\(cart.id)"])
        }
    }

    /// After a complete-order whose outcome is unknown, the merchant cart may still read `active` while the
    /// merchant works on it; sending again then could place a second order. So wait out the request's own
    /// deadline (the merchant's complete-order timeout, plus a margin) before sending again.
    func checkNoAttemptPending(_ merchant: MerchantCart) throws(MedusaError) {
        guard let sentAt = merchant.completeOrderSentAt else { return }
        let timeout = try merchants.client(for: merchant.domain).merchant.timeouts.completeOrder
        let settled = sentAt.addingTimeInterval(timeout.timeInterval + Self.settleMargin)
        let remaining = settled.timeIntervalSince(now())
        guard remaining > 0 else { return }
        throw MedusaError(
            .unexpectedState,
            "An earlier attempt to place the order at \(merchant.domain) may still be in progress; retry shortly",
            headers: ["Retry-After": String(Int(remaining.rounded(.up)))], status: 503)
    }

    /// Beyond the client's own deadline: the merchant may have taken the request off the wire just before it.
    static let settleMargin: TimeInterval = 2

    /// Medusa's prerequisites, then the merchants': every profile has a method, required addons are chosen,
    /// and no merchant cart is blocked.
    func checkPrerequisites(_ cart: BridgeCart) throws(MedusaError) {
        guard let email = cart.email, !email.isEmpty else {
            throw MedusaError.invalidData("Cannot create an order from the cart without a customer")
        }
        let merchants = cart.activeMerchants
        guard !merchants.isEmpty else { throw MedusaError.invalidData("Cannot create order from empty cart") }
        guard let address = cart.shippingAddress else {
            throw MedusaError.invalidData("Missing required fields for merchant checkout: shipping_address")
        }
        try addresses.validate(address, email: email)
        for merchant in merchants where merchant.placedOrder == nil {
            guard let snapshot = merchant.snapshot else { continue }
            for shipment in snapshot.shipments
            where !cart.shippingChoices.contains(where: { $0.domain == merchant.domain && $0.shipmentID == shipment.shipmentID }) {
                throw MedusaError.notAllowed(
                    "Choose a shipping method for every shipment: \(merchant.domain) shipment \(shipment.shipmentID) has none")
            }
            let selected = Set(snapshot.addons.selections.map(\.addonID))
            if let missing = snapshot.addons.offers.first(where: { $0.required == true && !selected.contains($0.addonID) }) {
                throw MedusaError.notAllowed(
                    "\(missing.display?.name ?? missing.addonID) must be chosen before checkout (\(merchant.domain))")
            }
            switch snapshot.status {
            case .active: continue
            case .itemNotShippable, .checkoutBlocked:
                let reasons = snapshot.notices.map { $0.message ?? $0.code }.joined(separator: "; ")
                throw MedusaError.notAllowed(
                    "The merchant \(merchant.domain) cannot check out this cart (\(snapshot.status))"
                        + (reasons.isEmpty ? "" : ": \(reasons)"))
            default:
                throw MedusaError.notAllowed("The merchant \(merchant.domain) cart is \(snapshot.status)")
            }
        }
        guard cart.payment?.isSelected == true else {
            throw MedusaError.notAllowed("You cannot complete a cart without a payment session.")
        }
    }

    func storedCard(for cart: BridgeCart) async throws(MedusaError) -> StoredCard {
        let card: StoredCard?
        do {
            card = try await store.card(cartID: cart.id, now: now())
        } catch {
            throw Self.storeFailure(error)
        }
        guard let card else {
            throw MedusaError.notAllowed(
                "The payment session has no card (or it expired); add the card again with data.encrypted_card")
        }
        return card
    }

    /// The card bytes, when the JWE was encrypted to one of our keys; nil for a merchant-key pass-through.
    func decryptIfOurs(_ card: StoredCard) throws(MedusaError) -> [UInt8]? {
        guard keys.keyPairs[card.kid] != nil else { return nil }
        do {
            return try keys.decrypt(card.jwe).plaintext
        } catch {
            throw MedusaError.invalidData("The stored card can no longer be decrypted; add the card again")
        }
    }

    /// Sends complete-order to one merchant with the card already encrypted to its current key.
    func placeOrder(at merchant: inout MerchantCart, cart: BridgeCart, client: FullCartClient, encryptedCard: String)
        async throws(MedusaError)
    {
        let billing = addresses.fullCart(cart.billingAddress ?? cart.shippingAddress!, email: cart.email)
        let result: Authenticated<FullCartCart>
        do throws(FullCartError) {
            result = try await client.completeOrder(
                FullCartCompleteOrderRequest(encryptedCard: encryptedCard, billingInfo: billing), session: merchant.session)
        } catch let error where Self.mayHavePlaced(error) {
            try await reconcile(&merchant, client: client, after: error)
            return
        } catch {
            // A definite refusal, or nothing was sent: no order can be pending there.
            merchant.completeOrderSentAt = nil
            throw tables.errorCodes.translate(error, domain: merchant.domain)
        }
        merchant.session = result.session
        try record(result.value, at: &merchant)
    }

    /// Whether complete-order may have placed the order despite failing: no answer, an answer we could not
    /// read, or a server error other than 503 (a gateway's 502/504 while the merchant works on). A 4xx, a 503
    /// (unavailable, nothing done) and a connection that never opened are definite.
    static func mayHavePlaced(_ error: FullCartError) -> Bool {
        if error.outcomeUnknown || error.kind == .invalidResponse { return true }
        guard error.kind == .merchant, let status = error.status else { return false }
        return status >= 500 && status != 503
    }

    func cardForMerchant(_ client: FullCartClient, card: StoredCard, plaintext: [UInt8]?) async throws(MedusaError)
        -> String
    {
        let key: FullCartPaymentKey
        do throws(FullCartError) {
            key = try await client.paymentKey()
        } catch {
            throw tables.errorCodes.translate(error, domain: client.merchant.domain)
        }
        guard let plaintext else {
            guard key.kid == card.kid else {
                throw MedusaError.invalidData(
                    "The card was encrypted to a merchant key that is no longer current; add the card again")
            }
            return card.jwe
        }
        do {
            return try JWE.encrypt(plaintext: plaintext, to: key.jwk, kid: key.kid)
        } catch {
            throw MedusaError.unexpectedState("The card could not be encrypted for \(client.merchant.domain)")
        }
    }

    /// After a lost answer: the merchant's cart tells whether the order exists.
    func reconcile(_ merchant: inout MerchantCart, client: FullCartClient, after error: FullCartError)
        async throws(MedusaError)
    {
        do throws(FullCartError) {
            let current = try await client.cart(session: merchant.session)
            merchant.session = current.session
            merchant.snapshot = current.value
        } catch {
            logger.warning("could not read back the merchant cart", metadata: ["merchant": "\(merchant.domain)"])
        }
        if let snapshot = merchant.snapshot, snapshot.status == .submitted, snapshot.platformOrderNumber != nil {
            try record(snapshot, at: &merchant)
            return
        }
        throw tables.errorCodes.translate(error, domain: merchant.domain)
    }

    func record(_ submitted: FullCartCart, at merchant: inout MerchantCart) throws(MedusaError) {
        guard let number = submitted.platformOrderNumber else {
            throw MedusaError.unexpectedState("The merchant \(merchant.domain) answered without an order number")
        }
        merchant.snapshot = submitted
        merchant.snapshotAt = now()
        merchant.placedOrder = PlacedMerchantOrder(
            orderNumber: number, merchantCartID: submitted.cartID, thankYouPage: submitted.urls?.thankYouPage,
            placedAt: now(), cart: submitted)
    }

    /// A merchant failed. A decline drops the card (the storefront adds another); after a partial success the
    /// storefront gets the cart back with `requires_more`, so a retry completes only the rest.
    func failedCompletion(_ error: MedusaError, loaded: inout LoadedCart) async throws(MedusaError)
        -> StoreCompleteCartRes
    {
        if error.type == .paymentAuthorizationError {
            loaded.cart.payment?.card = nil
            try await dropCard(loaded.cart.id)
        }
        loaded = try await save(loaded)
        guard loaded.cart.merchants.contains(where: { $0.placedOrder != nil }) else {
            CheckoutMetrics.completion(outcome: error.type == .paymentAuthorizationError ? "declined" : "failed")
            throw error
        }
        CheckoutMetrics.completion(outcome: "requires_more")
        var cart = try await render(loaded.cart)
        cart.metadata = cart.metadata.map { metadata in
            metadata.merging(["cartbridge_error": .string(error.message)]) { _, new in new }
        }
        return .cart(cart, paymentStatus: .requiresMore)
    }

    /// Every merchant placed: the Medusa order, once per cart (the store enforces it). The order keeps the
    /// completed bridge cart as its body and is rendered from it, with the display id the store assigned.
    func recordOrder(_ loaded: inout LoadedCart) async throws(MedusaError) -> Order {
        let now = now()
        var completed = loaded.cart
        completed.completedAt = now
        completed.orderID = MedusaID.make(prefix: "order")
        let record: OrderRecord
        do {
            record = try await store.insertOrder(
                NewOrder(
                    id: completed.orderID!, cartID: completed.id, email: completed.email, body: try encode(completed),
                    createdAt: now))
        } catch let error as MedusaError {
            throw error
        } catch {
            throw Self.storeFailure(error)
        }
        completed.orderID = record.id
        completed.payment?.card = nil
        loaded.cart = completed
        loaded = try await save(loaded)
        try await dropCard(loaded.cart.id)
        return try await renderOrder(record)
    }

    func dropCard(_ cartID: String) async throws(MedusaError) {
        do {
            try await store.deleteCard(cartID: cartID)
        } catch {
            throw Self.storeFailure(error)
        }
    }
}
