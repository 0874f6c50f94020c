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
            // A session is where the storefront finds the key to encrypt the card to.
            _ = try cardKeys()
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

    /// Takes the card as a JWE (`data.encrypted_card`) encrypted to one of our keys (the session's `public_key`).
    /// It is decrypted in memory only to validate it, strictly: Full Cart's five card fields, all strings, and
    /// nothing else. Only the JWE as received is stored, with a TTL; the merchant later gets the canonical card
    /// object built from the validated card, never the storefront's plaintext.
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
            let accepted = try acceptCard(jwe)
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

    /// Validates a card JWE and says what may be shown of it. Errors name the field, never its value.
    func acceptCard(_ jwe: String) throws(MedusaError) -> MaskedCard {
        let header: JWEHeader
        do {
            header = try JWE.peekHeader(jwe)
        } catch {
            throw MedusaError.invalidData("data.encrypted_card is not a valid JWE: \(error.description)")
        }
        let keys = try cardKeys(including: header.kid)
        guard let kid = header.kid, keys.keyPairs[kid] != nil else {
            throw MedusaError.invalidData(
                "data.encrypted_card is encrypted to an unknown key; encrypt it with the session's public_key")
        }
        do {
            let (kid, card) = try keys.decryptCard(jwe, now: now())
            return MaskedCard(
                brand: card.brand.rawValue, lastFour: card.lastFour, expMonth: card.month, expYear: card.year, kid: kid)
        } catch {
            throw MedusaError.invalidData("The card could not be used: \(error.description)")
        }
    }

    /// Reads every merchant's cart afresh (status, notices, prices may have moved).
    func refreshSnapshots(_ cart: inout BridgeCart) async throws(MedusaError) {
        for var merchant in cart.merchants where merchant.placedOrder == nil && merchant.snapshot != nil {
            try await refreshMerchant(&merchant, in: cart)
            cart.upsert(merchant)
        }
    }
}
