import Bridge
import CardCrypto
import Foundation
import MedusaAPI

/// CartBridge's card payment session → Medusa's `payment_sessions` / `payment_session`.
public enum PaymentSessionTranslation {
    /// What a session's `data` holds: our current public key (JWK) and its `kid`, for the storefront to encrypt
    /// the card to, and once a card is attached only its masked form.
    public static func data(publicKey: RSAPublicJWK?, card: MaskedCard?) -> JSONObject {
        var data: JSONObject = [:]
        if let publicKey {
            data["public_key"] = .object(jwk(publicKey))
            data["kid"] = publicKey.kid.map(JSONValue.string) ?? .null
        }
        if let card { data["card"] = maskedCard(card) }
        return data
    }

    /// The JWK's members as JSON, in the order RFC 7517 lists them; absent optional members are left out.
    static func jwk(_ key: RSAPublicJWK) -> JSONObject {
        var members: JSONObject = ["kty": .string(key.kty), "n": .string(key.n), "e": .string(key.e)]
        if let kid = key.kid { members["kid"] = .string(kid) }
        if let use = key.use { members["use"] = .string(use) }
        if let alg = key.alg { members["alg"] = .string(alg) }
        return members
    }

    /// Brand, last four and expiry: never more.
    public static func maskedCard(_ card: MaskedCard) -> JSONValue {
        [
            "brand": .string(card.brand), "last4": .string(card.lastFour), "exp_month": .integer(card.expMonth),
            "exp_year": .integer(card.expYear),
        ]
    }

    /// The session is `pending` until completion authorises it at the merchants, for the cart's current total.
    static func sessions(
        _ payment: PaymentState?, cartID: String, amount: Int, data: (PaymentState) -> JSONObject
    ) -> [PaymentSession] {
        guard let payment else { return [] }
        return [
            PaymentSession(
                id: payment.sessionID, cartID: cartID, providerID: payment.providerID, isSelected: payment.isSelected,
                isInitiated: true, status: .pending, data: data(payment), amount: amount,
                createdAt: payment.createdAt, updatedAt: payment.updatedAt)
        ]
    }
}
