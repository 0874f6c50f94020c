@testable import MedusaV1
import Bridge
import CardCrypto
import MedusaAPI
import Testing

@Suite("Payment session data")
struct PaymentSessionTranslationTests {
    static let key = try! CardKeyPair.generate(kid: "key-1").publicJWK

    @Test func beforeACardOnlyTheKeyIsShown() {
        let data = PaymentSessionTranslation.data(publicKey: Self.key, card: nil)
        #expect(Set(data.keys) == ["public_key", "kid"])
        #expect(data["kid"] == "key-1")
        #expect(
            data["public_key"] == [
                "kty": "RSA", "n": .string(Self.key.n), "e": .string(Self.key.e), "kid": "key-1", "use": "enc",
                "alg": "RSA-OAEP-256",
            ])
    }

    @Test func aCardShowsBrandLastFourAndExpiryOnly() {
        let card = MaskedCard(brand: "visa", lastFour: "4242", expMonth: 12, expYear: 2030, kid: "key-1")
        let data = PaymentSessionTranslation.data(publicKey: Self.key, card: card)
        #expect(data["card"] == ["brand": "visa", "last4": "4242", "exp_month": 12, "exp_year": 2030])
    }

    @Test func withoutAKeyTheSessionCarriesNone() {
        #expect(PaymentSessionTranslation.data(publicKey: nil, card: nil).isEmpty)
    }
}
