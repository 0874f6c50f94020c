import BridgeIDs
import BridgeStore
import CardCrypto
import Foundation
import FullCartAPI

/// The card payment session: created when there is something to pay, the card taken as a JWE and checked,
/// kept encrypted with a TTL.
struct PaymentSessions: CheckoutPart {
    /// Tells a card element its key was rotated away meanwhile: fetch the session's key again and re-encrypt.
    static let unknownCardKeyCode = "unknown_card_key"

    let dependencies: CheckoutDependencies

    /// Medusa gives every provider of the region a session and selects it when it is the only one; ours is
    /// the only provider we serve. A cart with nothing to pay has no sessions.
    func createPaymentSessions(cartID: String) async throws(CheckoutError) -> BridgeCart {
        try await change(cartID) { (cart) async throws(CheckoutError) in
            let region = try region(for: cart)
            guard cart.hasAmountDue else {
                try await dropPayment(&cart)
                return
            }
            // A session is where the storefront finds the key to encrypt the card to.
            _ = try cardKeys()
            guard region.offers(paymentProvider: settings.paymentProviderID) else {
                throw CheckoutError.notAllowed("The payment method is not available in this region")
            }
            if cart.payment == nil {
                cart.payment = PaymentState(
                    sessionID: MedusaID.make(prefix: "ps"), providerID: settings.paymentProviderID,
                    isSelected: region.paymentProviderIDs.count == 1, now: now())
            }
        }
    }

    func selectPaymentSession(cartID: String, providerID: String) async throws(CheckoutError) -> BridgeCart {
        try await change(cartID) { (cart) async throws(CheckoutError) in
            try requireSession(providerID, in: cart)
            cart.payment?.isSelected = true
            cart.payment?.updatedAt = now()
        }
    }

    /// Takes the card as a JWE (`data.encrypted_card`) encrypted to one of our keys (the session's `public_key`).
    /// A `captchaToken` goes with complete-order to every merchant (Full Cart's `captcha_token`, for a merchant that
    /// requires one). It is decrypted in memory only to validate it, strictly: Full Cart's five card fields, all strings, and
    /// nothing else. Only the JWE as received is stored, with a TTL; the merchant later gets the canonical card
    /// object built from the validated card, never the storefront's plaintext.
    func setCard(cartID: String, providerID: String, encryptedCard jwe: String, captchaToken: String?)
        async throws(CheckoutError) -> BridgeCart
    {
        try await change(cartID) { (cart) async throws(CheckoutError) in
            try requireSession(providerID, in: cart)
            let accepted = try acceptCard(jwe)
            let now = now()
            do {
                try await store.putCard(
                    StoredCard(
                        cartID: cart.id, sessionID: cart.payment?.sessionID ?? "", jwe: jwe, kid: accepted.kid,
                        expiresAt: now.addingTimeInterval(settings.cardTTL.timeInterval), createdAt: now))
            } catch {
                throw CheckoutError.store(error)
            }
            cart.payment?.card = accepted
            cart.payment?.captchaToken = captchaToken
            cart.payment?.isSelected = true
            cart.payment?.updatedAt = now
        }
    }

    func refreshPaymentSession(cartID: String, providerID: String) async throws(CheckoutError) -> BridgeCart {
        // Medusa refreshes a session only when the cart has one; without, it answers the cart as it is.
        let cart = try await load(cartID).cart
        try requireProvider(providerID, in: cart)
        return cart
    }

    func deletePaymentSession(cartID: String, providerID: String) async throws(CheckoutError) -> BridgeCart {
        try await change(cartID) { (cart) async throws(CheckoutError) in
            guard cart.payment?.providerID == providerID else { return }
            try await dropPayment(&cart)
        }
    }

    /// Medusa recomputes taxes here; the merchants compute ours, so read their carts afresh.
    func calculateTaxes(cartID: String) async throws(CheckoutError) -> BridgeCart {
        try await change(cartID) { (cart) async throws(CheckoutError) in
            try await refreshSnapshots(&cart)
        }
    }

    /// Medusa answers a missing session with a 500; a client's mistake is a 400 here, saying what to do.
    func requireSession(_ providerID: String, in cart: BridgeCart) throws(CheckoutError) {
        try requireProvider(providerID, in: cart)
        guard cart.payment?.providerID == providerID else {
            throw CheckoutError.notAllowed(
                "Could not find payment session \(providerID); create the sessions first "
                    + "(POST /store/carts/\(cart.id)/payment-sessions)")
        }
    }

    func requireProvider(_ providerID: String, in cart: BridgeCart) throws(CheckoutError) {
        guard try region(for: cart).offers(paymentProvider: providerID) else {
            throw CheckoutError.notAllowed("The payment method is not available in this region")
        }
    }

    func dropPayment(_ cart: inout BridgeCart) async throws(CheckoutError) {
        cart.payment = nil
        do {
            try await store.deleteCard(cartID: cart.id)
        } catch {
            throw CheckoutError.store(error)
        }
    }

    /// Validates a card JWE and says what may be shown of it. Errors name the field, never its value.
    func acceptCard(_ jwe: String) throws(CheckoutError) -> MaskedCard {
        let header: JWEHeader
        do {
            header = try JWE.peekHeader(jwe)
        } catch {
            throw CheckoutError.invalidData("data.encrypted_card is not a valid JWE: \(error.description)")
        }
        let keys = try cardKeys(including: header.kid)
        guard let kid = header.kid, keys.keyPairs[kid] != nil else {
            throw CheckoutError.invalidData(
                "data.encrypted_card is encrypted to an unknown key; encrypt it with the session's public_key",
                code: Self.unknownCardKeyCode)
        }
        do {
            let (kid, card) = try keys.decryptCard(jwe, now: now())
            return MaskedCard(
                brand: card.brand.rawValue, lastFour: card.lastFour, expMonth: card.month, expYear: card.year, kid: kid)
        } catch {
            throw CheckoutError.invalidData("The card could not be used: \(error.description)", code: error.code)
        }
    }
}
