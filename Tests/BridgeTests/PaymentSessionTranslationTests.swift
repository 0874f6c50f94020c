import Bridge
import MedusaAPI
import Testing

@Suite("Payment session data")
struct PaymentSessionTranslationTests {
    static let jwk: JSONObject = ["kty": "RSA", "n": "0vx7", "e": "AQAB", "alg": "RSA-OAEP-256", "kid": "key-1"]

    @Test func beforeACardOnlyTheKeyIsShown() {
        #expect(
            PaymentSessionTranslation.data(publicKeyJWK: Self.jwk, kid: "key-1", card: nil) == [
                "public_key": .object(Self.jwk), "kid": "key-1",
            ])
    }

    @Test func aCardShowsBrandLastFourAndExpiryOnly() {
        let card = MaskedCard(brand: "visa", lastFour: "4242", expMonth: 12, expYear: 2030, kid: "key-1")
        let data = PaymentSessionTranslation.data(publicKeyJWK: Self.jwk, kid: "key-1", card: card)
        #expect(data["card"] == ["brand": "visa", "last4": "4242", "exp_month": 12, "exp_year": 2030])
    }
}
