import BridgeStore
import CardCrypto
import Foundation
import FullCartAPI
import MedusaAPI

extension CheckoutService {
    /// Medusa gives every provider of the region a session and selects it when it is the only one; ours is
    /// the only provider we serve. A cart with nothing to pay has no sessions.
    public func createPaymentSessions(cartID: String) async throws(MedusaError) -> Cart {
        try await mutateAndRender(cartID) { (cart) async throws(MedusaError) in
            let region = try region(for: cart)
            guard try await render(cart).total > 0 else {
                try await dropPayment(&cart)
                return
            }
            guard region.paymentProviders.contains(where: { $0.id == settings.paymentProviderID }) else {
                throw MedusaError.notAllowed("The payment method is not available in this region")
            }
            if cart.payment == nil {
                cart.payment = PaymentState(
                    sessionID: MedusaID.make(prefix: "ps"), providerID: settings.paymentProviderID,
                    isSelected: region.paymentProviders.count == 1, now: now())
            }
        }
    }

    public func selectPaymentSession(cartID: String, _ body: StorePostCartsCartPaymentSessionReq)
        async throws(MedusaError) -> Cart
    {
        try await mutateAndRender(cartID) { (cart) async throws(MedusaError) in
            try requireSession(body.providerID, in: cart)
            cart.payment?.isSelected = true
            cart.payment?.updatedAt = now()
        }
    }

    /// Takes the card as a JWE (`data.encrypted_card`). One encrypted to our current or an older key is
    /// decrypted in memory only to validate it; one encrypted to the merchant's current key (single-merchant
    /// carts) is kept for pass-through. Only the JWE as received is stored, with a TTL.
    public func updatePaymentSession(
        cartID: String, providerID: String, _ body: StorePostCartsCartPaymentSessionUpdateReq
    ) async throws(MedusaError) -> Cart {
        guard case .string(let jwe)? = body.data["encrypted_card"], !jwe.isEmpty else {
            throw MedusaError.invalidData("data.encrypted_card must be a JWE string")
        }
        let unknown = body.data.keys.filter { $0 != "encrypted_card" }.sorted()
        guard unknown.isEmpty else {
            throw MedusaError.invalidData(unknown.map { "property data.\($0) should not exist" }.joined(separator: ", "))
        }
        return try await mutateAndRender(cartID) { (cart) async throws(MedusaError) in
            try requireSession(providerID, in: cart)
            let accepted = try await acceptCard(jwe, for: cart)
            let now = now()
            do {
                try await store.putCard(
                    StoredCard(
                        cartID: cart.id, sessionID: cart.payment?.sessionID ?? "", jwe: jwe, kid: accepted.kid,
                        expiresAt: now.addingTimeInterval(settings.cardTTL.timeInterval), createdAt: now))
            } catch {
                throw Self.storeFailure(error)
            }
            cart.payment?.card = accepted
            cart.payment?.isSelected = true
            cart.payment?.updatedAt = now
        }
    }

    public func refreshPaymentSession(cartID: String, providerID: String) async throws(MedusaError) -> Cart {
        // Medusa refreshes a session only when the cart has one; without, it answers the cart as it is.
        let cart = try await load(cartID).cart
        try requireProvider(providerID, in: cart)
        return try await render(cart)
    }

    public func deletePaymentSession(cartID: String, providerID: String) async throws(MedusaError) -> Cart {
        try await mutateAndRender(cartID) { (cart) async throws(MedusaError) in
            guard cart.payment?.providerID == providerID else { return }
            try await dropPayment(&cart)
        }
    }

    /// Medusa recomputes taxes here; the merchants compute ours, so read their carts afresh.
    public func calculateTaxes(cartID: String) async throws(MedusaError) -> Cart {
        try await mutateAndRender(cartID) { (cart) async throws(MedusaError) in
            try await refreshSnapshots(&cart)
        }
    }

    /// Medusa answers a missing session with a 500; a client's mistake is a 400 here, saying what to do.
    func requireSession(_ providerID: String, in cart: BridgeCart) throws(MedusaError) {
        try requireProvider(providerID, in: cart)
        guard cart.payment?.providerID == providerID else {
            throw MedusaError.notAllowed(
                "Could not find payment session \(providerID); create the sessions first "
                    + "(POST /store/carts/\(cart.id)/payment-sessions)")
        }
    }

    func requireProvider(_ providerID: String, in cart: BridgeCart) throws(MedusaError) {
        guard try region(for: cart).paymentProviders.contains(where: { $0.id == providerID }) else {
            throw MedusaError.notAllowed("The payment method is not available in this region")
        }
    }

    func dropPayment(_ cart: inout BridgeCart) async throws(MedusaError) {
        cart.payment = nil
        do {
            try await store.deleteCard(cartID: cart.id)
        } catch {
            throw Self.storeFailure(error)
        }
    }

    /// Validates a card JWE and says what may be shown of it.
    func acceptCard(_ jwe: String, for cart: BridgeCart) async throws(MedusaError) -> MaskedCard {
        let header: JWEHeader
        do {
            header = try JWE.peekHeader(jwe)
        } catch {
            throw MedusaError.invalidData("data.encrypted_card is not a valid JWE: \(error.description)")
        }
        if keys.keyPairs[header.kid ?? ""] != nil {
            do {
                let (kid, card) = try keys.decryptCard(jwe, now: now())
                return MaskedCard(
                    brand: card.brand.rawValue, lastFour: card.lastFour, expMonth: card.month, expYear: card.year,
                    kid: kid)
            } catch {
                throw MedusaError.invalidData("The card could not be used: \(error.description)")
            }
        }
        // Not our key: acceptable only as a pass-through to the one merchant whose current key it names.
        let merchantsWithItems = cart.activeMerchants
        guard let kid = header.kid, merchantsWithItems.count == 1, let merchant = merchantsWithItems.first else {
            throw MedusaError.invalidData(
                "data.encrypted_card is encrypted to an unknown key; encrypt it with the session's public_key")
        }
        let client = try merchants.client(for: merchant.domain)
        let key: FullCartPaymentKey
        do throws(FullCartError) {
            key = try await client.paymentKey()
        } catch {
            throw tables.errorCodes.translate(error, domain: merchant.domain)
        }
        guard key.kid == kid else {
            throw MedusaError.invalidData(
                "data.encrypted_card is encrypted to an unknown key; encrypt it with the session's public_key")
        }
        return MaskedCard(brand: "unknown", lastFour: "", expMonth: 0, expYear: 0, kid: kid)
    }

    /// Reads every merchant's cart afresh (status, notices, prices may have moved).
    func refreshSnapshots(_ cart: inout BridgeCart) async throws(MedusaError) {
        for var merchant in cart.merchants where merchant.placedOrder == nil && merchant.snapshot != nil {
            try await call(&merchant) { client, session async throws(FullCartError) in
                try await client.cart(session: session)
            }
            cart.upsert(merchant)
        }
    }
}
