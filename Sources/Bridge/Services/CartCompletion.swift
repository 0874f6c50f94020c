import BridgeIDs
import BridgeStore
import CardCrypto
import Foundation
import FullCartAPI

/// Completing a cart exactly once: one order per merchant, then ours.
struct CartCompletion: CheckoutPart {
    let dependencies: CheckoutDependencies

    /// Completes the cart: one order per merchant, then one order of ours.
    ///
    /// Runs under the cart lock (an `Idempotency-Key` is the edge's business: `IdempotencyLedger`). Before complete-order
    /// goes to a merchant, the cart is saved with `completeOrderSentAt`; each placed order is saved before the
    /// next merchant is called. After complete-order has gone out, only the merchant's own definite refusal
    /// means "nothing was placed"; anything else (a proxy's error page, a timeout, a reset, a 409, an answer
    /// that is not a submitted order) is read back, and a merchant cart that reads `submitted` with an order
    /// number is adopted as placed, whether or not a send was recorded (we own its device session).
    func complete(cartID: String) async throws(CheckoutError) -> CompletionOutcome {
        try await locked(cartID) { () async throws(CheckoutError) -> CompletionOutcome in
            var loaded = try await load(cartID)
            if let orderID = loaded.cart.orderID {
                CheckoutMetrics.completion(outcome: "already_completed")
                guard let order = try await placedOrder({ store in try await store.order(id: orderID) }) else {
                    throw CheckoutError.internalFailure("Order \(orderID) of cart \(cartID) was not found")
                }
                return .placed(order)
            }
            faultHook(RecoveryPoint.started.name)

            let card: CardDetails
            do throws(CheckoutError) {
                // Stored proof of a placed order is adopted before anything can overwrite it.
                adoptSubmittedOrders(&loaded.cart)
                try await refreshSnapshots(&loaded.cart)
                try await chooseFreeRequiredAddons(&loaded.cart)
                loaded = try await save(loaded)
                // Every merchant placed (an earlier attempt stopped before the Medusa order): nothing is left to
                // pay for, so an expired card or a rotated key must not stand in the way.
                let merchants = loaded.cart.activeMerchants
                if !merchants.isEmpty, merchants.allSatisfy({ $0.placedOrder != nil }) {
                    let order = try await recordOrder(&loaded)
                    CheckoutMetrics.completion(outcome: "placed")
                    return .placed(order)
                }
                try checkPrerequisites(loaded.cart)
                try checkDeclineLimit(loaded.cart)
                card = try await cardForCompletion(loaded.cart)
            } catch {
                CheckoutMetrics.completion(outcome: "refused")
                throw error
            }

            for (index, domain) in loaded.cart.activeMerchants.map(\.domain).enumerated() {
                guard var merchant = loaded.cart.merchant(domain), merchant.placedOrder == nil else { continue }
                do throws(CheckoutError) {
                    try checkNoAttemptPending(merchant)
                    try await placeOrder(
                        number: index + 1, at: &merchant, loaded: &loaded, card: card)
                } catch {
                    loaded.cart.upsert(merchant)
                    return try await failedCompletion(error, loaded: &loaded)
                }
            }
            let order = try await recordOrder(&loaded)
            CheckoutMetrics.completion(outcome: "placed")
            faultHook(RecoveryPoint.orderRecorded.name)
            return .placed(order)
        }
    }

    /// A required addon the storefront left unchosen takes its free choice (e.g. "No assembly"), so a storefront
    /// that knows nothing of addons can complete at the total it showed. One without a free choice stays
    /// unchosen, and `checkPrerequisites` names it and its choices.
    func chooseFreeRequiredAddons(_ cart: inout BridgeCart) async throws(CheckoutError) {
        for merchant in cart.activeMerchants where merchant.placedOrder == nil {
            guard let addons = merchant.snapshot?.addons else { continue }
            let selected = Set(addons.selections.map(\.addonID))
            for offer in addons.offers where offer.required == true && !selected.contains(offer.addonID) {
                if let free = offer.childOffers?.first(where: Self.isFree) {
                    try await selectAddon(free.addonID, lineIDs: [], domain: merchant.domain, in: &cart)
                } else if offer.childOffers?.isEmpty ?? true, offer.scope.uppercased() == "CART", Self.isFree(offer) {
                    try await selectAddon(offer.addonID, lineIDs: [], domain: merchant.domain, in: &cart)
                }
            }
        }
    }

    /// A stated price of zero; an offer without a price is not assumed free.
    static func isFree(_ offer: FullCartAddonOffer) -> Bool {
        offer.price.map { $0.minorUnits == 0 } ?? false
    }

    /// A merchant cart that reads `submitted` with an order number holds an order of ours, however it came to
    /// be: an earlier attempt whose answer was lost, a crash, an answer that looked like a refusal.
    func adoptSubmittedOrders(_ cart: inout BridgeCart) {
        for var merchant in cart.merchants where merchant.placedOrder == nil {
            guard let snapshot = merchant.snapshot, Self.isPlacedOrder(snapshot) else { continue }
            record(snapshot, at: &merchant, in: cart)
            cart.upsert(merchant)
            logger.notice(
                "adopted a merchant order found on its cart",
                metadata: [
                    "merchant": "\(merchant.domain)", "cart": "\(cart.id)",
                    "send_recorded": "\(merchant.completeOrderSentAt != nil)",
                ])
        }
    }

    /// After a complete-order whose outcome is unknown, the merchant cart may still read `active` while the
    /// merchant (or the store platform behind Full Cart) works on it; sending again then could place a second
    /// order. So the request's own deadline and then the merchant's settle time (`complete_order_settle_ms`,
    /// two minutes by default) must pass before complete-order is sent again.
    func checkNoAttemptPending(_ merchant: MerchantCart) throws(CheckoutError) {
        let remaining = try settleTimeRemaining(merchant)
        guard remaining > 0 else { return }
        throw Self.orderPending(
            merchant.domain, retryAfter: remaining,
            cause: "complete-order sent at \(merchant.completeOrderSentAt.map { "\($0)" } ?? "?") is unresolved")
    }

    /// The answer while an order at `domain` may exist but is not confirmed: retry later (Medusa's 503, which
    /// medusa-js retries), never a refusal the shopper would answer by ordering again.
    static func orderPending(_ domain: String, retryAfter: TimeInterval, cause: String) -> CheckoutError {
        CheckoutError(
            .orderPending(domain: domain),
            "The merchant \(domain) may have placed the order; CartBridge is confirming it. "
                + "Retry shortly with the same Idempotency-Key.",
            retryAfterSeconds: max(1, Int(retryAfter.rounded(.up))), cause: cause)
    }

    /// Seconds until an unanswered complete-order to this merchant can no longer be in progress (0 when none).
    func settleTimeRemaining(_ merchant: MerchantCart) throws(CheckoutError) -> TimeInterval {
        guard let sentAt = merchant.completeOrderSentAt else { return 0 }
        let timeouts = try merchants.client(for: merchant.domain).merchant.timeouts
        let settled = sentAt.addingTimeInterval(timeouts.completeOrder.timeInterval + timeouts.completeOrderSettle.timeInterval)
        return max(0, settled.timeIntervalSince(now()))
    }

    /// Medusa's prerequisites, then the merchants': every profile has a method, required addons are chosen,
    /// and no merchant cart is blocked.
    func checkPrerequisites(_ cart: BridgeCart) throws(CheckoutError) {
        guard let email = cart.email, !email.isEmpty else {
            throw CheckoutError.invalidData("Cannot create an order from the cart without a customer")
        }
        let merchants = cart.activeMerchants
        guard !merchants.isEmpty else { throw CheckoutError.invalidData("Cannot create order from empty cart") }
        guard let address = cart.shippingAddress else {
            throw CheckoutError.invalidData("Missing required fields for merchant checkout: shipping_address")
        }
        try addresses.validate(address, email: email)
        if let billing = cart.billingAddress { try addresses.validate(billing, email: email, role: .billing) }
        let plan = cart.shippingPlan
        for merchant in merchants where merchant.placedOrder == nil {
            guard let snapshot = merchant.snapshot else { continue }
            for shipment in snapshot.shipments
            where !plan.contains(where: { $0.domain == merchant.domain && $0.shipmentID == shipment.shipmentID }) {
                throw CheckoutError.notAllowed(
                    "Choose a shipping method for every shipment: \(merchant.domain) shipment \(shipment.shipmentID) has none")
            }
            let selected = Set(snapshot.addons.selections.map(\.addonID))
            if let missing = snapshot.addons.offers.first(where: { $0.required == true && !selected.contains($0.addonID) }) {
                let choices = (missing.childOffers ?? []).map { "\($0.display?.name ?? $0.addonID) (\($0.addonID))" }
                throw CheckoutError.notAllowed(
                    "\(missing.display?.name ?? missing.addonID) (\(missing.addonID)) must be chosen before checkout at "
                        + "\(merchant.domain)" + (choices.isEmpty ? "" : ": one of \(choices.joined(separator: ", "))")
                        + ". Select it with POST /store/carts/{id}/addons.")
            }
            switch snapshot.status {
            case .active: continue
            case .submitted:
                // Submitted without an order number: an order may exist that the merchant has not numbered yet.
                throw Self.orderPending(
                    merchant.domain, retryAfter: 5, cause: "merchant cart submitted without an order number")
            case .itemNotShippable, .checkoutBlocked:
                let reasons = snapshot.notices.map { $0.message ?? $0.code }.joined(separator: "; ")
                throw CheckoutError.notAllowed(
                    "The merchant \(merchant.domain) cannot check out this cart (\(snapshot.status))"
                        + (reasons.isEmpty ? "" : ": \(reasons)"))
            default:
                throw CheckoutError.notAllowed("The merchant \(merchant.domain) cart is \(snapshot.status)")
            }
        }
        guard cart.payment?.isSelected == true else {
            throw CheckoutError.notAllowed("You cannot complete a cart without a payment session.")
        }
    }

    /// Card testing happens at completion: after `declinedCompletionsPerHour` declines within an hour, a cart
    /// gets 429 until the oldest of them is an hour old.
    func checkDeclineLimit(_ cart: BridgeCart) throws(CheckoutError) {
        let limit = settings.declinedCompletionsPerHour
        let recent = Self.recentDeclines(cart, now: now())
        guard limit > 0, recent.count >= limit, let oldest = recent.min() else { return }
        let seconds = max(1, Int(oldest.addingTimeInterval(Self.declineWindow).timeIntervalSince(now()).rounded(.up)))
        throw CheckoutError(
            .rateLimited, "Too many declined payment attempts for this cart. Try again in \(seconds) seconds.",
            retryAfterSeconds: seconds)
    }

    static let declineWindow: TimeInterval = 3600

    static func recentDeclines(_ cart: BridgeCart, now: Date) -> [Date] {
        (cart.declinedAt ?? []).filter { now.timeIntervalSince($0) < declineWindow }
    }

    /// The stored card, decrypted in memory, decoded strictly and validated again (it may have expired since
    /// it was added).
    func cardForCompletion(_ cart: BridgeCart) async throws(CheckoutError) -> CardDetails {
        let stored: StoredCard?
        do {
            stored = try await store.card(cartID: cart.id, now: now())
        } catch {
            throw CheckoutError.store(error)
        }
        guard let stored else {
            throw CheckoutError.notAllowed(
                "The payment session has no card (or it expired); add the card again with data.encrypted_card")
        }
        let keys = try cardKeys(including: stored.kid)
        do throws(CardCryptoError) {
            return try keys.decryptCard(stored.jwe, now: now()).card
        } catch {
            switch error {
            case .jwe:
                throw CheckoutError.invalidData("The stored card can no longer be decrypted; add the card again")
            case .card(let problem):
                throw CheckoutError.invalidData("The card could not be used: \(problem.description); add another card")
            }
        }
    }

    /// Sends complete-order to one merchant with the card encrypted to its current key, and settles what the
    /// answer means. A refusal the merchant marks as possibly about its key refetches the key and, when it
    /// changed, sends once more (nothing was placed by the refused attempt).
    func placeOrder(
        number: Int, at merchant: inout MerchantCart, loaded: inout LoadedCart, card: CardDetails
    ) async throws(CheckoutError) {
        let client = try merchants.client(for: merchant.domain)
        var key = try await merchantPaymentKey(client, refresh: false)
        var resentForNewKey = false
        while true {
            let encryptedCard = try encrypt(card, to: key, domain: merchant.domain)
            merchant.completeOrderSentAt = now()
            loaded.cart.upsert(merchant)
            loaded = try await save(loaded)
            faultHook(RecoveryPoint.merchantRequested(number).name)
            let outcome = await sendCompleteOrder(&merchant, cart: loaded.cart, client: client, encryptedCard: encryptedCard)
            switch outcome {
            case .placed(let submitted):
                faultHook(RecoveryPoint.merchantAnswered(number).name)
                record(submitted, at: &merchant, in: loaded.cart)
            case .refused(let error, let refusal):
                merchant.completeOrderSentAt = nil
                if refusal == .notPlacedCheckKey, !resentForNewKey {
                    let fresh = try await merchantPaymentKey(client, refresh: true)
                    if fresh.kid != key.kid {
                        logger.notice(
                            "complete-order refused after a key change; sending again with the new key",
                            metadata: ["merchant": "\(merchant.domain)", "kid": "\(fresh.kid)"])
                        key = fresh
                        resentForNewKey = true
                        continue
                    }
                }
                if refusal == .declined {
                    throw CheckoutError(.declined(error, domain: merchant.domain), error.message, cause: error.description)
                }
                throw CheckoutError.merchant(error, domain: merchant.domain)
            case .unknown(let error):
                try await readBack(&merchant, cart: loaded.cart, after: error)
            }
            loaded.cart.upsert(merchant)
            loaded = try await save(loaded)
            faultHook(RecoveryPoint.merchantPlaced(number).name)
            return
        }
    }

    /// What one complete-order's answer says about the order.
    enum CompleteOrderOutcome: Sendable, Equatable {
        /// A submitted cart with an order number.
        case placed(FullCartCart)
        /// The merchant's own refusal: nothing was placed.
        case refused(FullCartError, CompleteOrderRules.Refusal)
        /// Anything else: the order may exist, and the merchant cart must be read back.
        case unknown(FullCartError)
    }

    /// Classifies a complete-order answer. Pure; table-tested.
    static func outcome(of answer: Result<FullCartCart, FullCartError>, table: CompleteOrderRules) -> CompleteOrderOutcome {
        switch answer {
        case .success(let cart) where isPlacedOrder(cart):
            return .placed(cart)
        case .success(let cart):
            return .unknown(
                FullCartError(
                    kind: .invalidResponse, status: 200, code: "InvalidResponse",
                    message: "complete-order answered a cart that is not a submitted order (\(cart.status))",
                    endpoint: "POST payment/complete-order"))
        case .failure(let error):
            guard let refusal = table.refusal(error) else { return .unknown(error) }
            return .refused(error, refusal)
        }
    }

    private func sendCompleteOrder(
        _ merchant: inout MerchantCart, cart: BridgeCart, client: any FullCartMerchantAPI, encryptedCard: String
    ) async -> CompleteOrderOutcome {
        let billing = addresses.fullCart(cart.billingAddress ?? cart.shippingAddress!, email: cart.email)
        let answer: Result<FullCartCart, FullCartError>
        do throws(FullCartError) {
            let result = try await client.completeOrder(
                FullCartCompleteOrderRequest(
                    encryptedCard: encryptedCard, billingInfo: billing, captchaToken: cart.payment?.captchaToken),
                session: merchant.session)
            merchant.session = result.session
            answer = .success(result.value)
        } catch {
            answer = .failure(error)
        }
        return Self.outcome(of: answer, table: tables.completeOrder)
    }

    /// After an answer that does not settle it: the merchant's cart tells whether the order exists. When it
    /// does not (yet), the send stays recorded and the storefront is told to retry: a retry reads back again,
    /// and sends again only after the first request's deadline has passed.
    func readBack(_ merchant: inout MerchantCart, cart: BridgeCart, after error: FullCartError)
        async throws(CheckoutError)
    {
        do throws(CheckoutError) {
            try await refreshMerchant(&merchant, in: cart)
        } catch {
            logger.warning(
                "could not read back the merchant cart after complete-order",
                metadata: ["merchant": "\(merchant.domain)", "error": "\(error)"])
        }
        if merchant.placedOrder != nil {
            logger.notice(
                "read back a merchant order after an unclear complete-order answer",
                metadata: ["merchant": "\(merchant.domain)", "answer": "\(error)"])
            return
        }
        throw Self.orderPending(
            merchant.domain, retryAfter: try settleTimeRemaining(merchant), cause: error.description)
    }

    func merchantPaymentKey(_ client: any FullCartMerchantAPI, refresh: Bool) async throws(CheckoutError) -> FullCartPaymentKey {
        do throws(FullCartError) {
            return try await paymentKeys.key(for: client, refresh: refresh)
        } catch {
            throw CheckoutError.merchant(error, domain: client.merchant.domain)
        }
    }

    /// The canonical card object (never the storefront's plaintext), encrypted to the merchant's key.
    func encrypt(_ card: CardDetails, to key: FullCartPaymentKey, domain: String) throws(CheckoutError) -> String {
        do {
            return try JWE.encrypt(plaintext: card.canonicalJSON(), to: key.jwk, kid: key.kid)
        } catch {
            throw CheckoutError.internalFailure("The card could not be encrypted for \(domain)", cause: "\(error)")
        }
    }

    /// A merchant failed. A decline drops the card (the storefront adds another) and counts towards the cart's
    /// decline limit. A passing failure (an outage, or an order that may exist and is being confirmed) is thrown
    /// as it is, so the storefront retries; any other after a partial success answers the cart as partially
    /// placed, so a retry completes only the rest.
    func failedCompletion(_ error: CheckoutError, loaded: inout LoadedCart) async throws(CheckoutError)
        -> CompletionOutcome
    {
        let isDecline = if case .declined = error.kind { true } else { false }
        if isDecline {
            loaded.cart.payment?.card = nil
            loaded.cart.payment?.captchaToken = nil
            loaded.cart.declinedAt = Self.recentDeclines(loaded.cart, now: now()) + [now()]
            try await dropCard(loaded.cart.id)
        }
        loaded = try await save(loaded)
        guard loaded.cart.merchants.contains(where: { $0.placedOrder != nil }), !error.isTransient else {
            CheckoutMetrics.completion(outcome: isDecline ? "declined" : "failed")
            throw error
        }
        CheckoutMetrics.completion(outcome: "requires_more")
        return .partiallyPlaced(loaded.cart, reason: error)
    }

    /// Every merchant placed: our order, once per cart (the store enforces it). The order keeps the completed
    /// bridge cart as its body, with the display id the store assigned.
    func recordOrder(_ loaded: inout LoadedCart) async throws(CheckoutError) -> PlacedOrder {
        let now = now()
        var completed = loaded.cart
        // Single-use, and of no use once every merchant has placed its order.
        completed.payment?.captchaToken = nil
        completed.completedAt = now
        completed.orderID = MedusaID.make(prefix: "order")
        let record: OrderRecord
        do {
            record = try await store.insertOrder(
                NewOrder(
                    id: completed.orderID!, cartID: completed.id, email: completed.email, customerID: completed.customerID,
                    body: try encode(completed),
                    createdAt: now))
        } catch let error as CheckoutError {
            throw error
        } catch {
            throw CheckoutError.store(error)
        }
        completed.orderID = record.id
        completed.payment?.card = nil
        loaded.cart = completed
        loaded = try await save(loaded)
        try await dropCard(loaded.cart.id)
        return try placedOrder(record)
    }

    func dropCard(_ cartID: String) async throws(CheckoutError) {
        do {
            try await store.deleteCard(cartID: cartID)
        } catch {
            throw CheckoutError.store(error)
        }
    }
}
