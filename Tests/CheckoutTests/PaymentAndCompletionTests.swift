import Bridge
import CardCrypto
import Foundation
import MedusaAPI
import MedusaV1
import Testing

@Suite("CheckoutService: payment sessions")
struct PaymentTests {
    enum BadCard: String, CaseIterable, Sendable {
        case malformedJWE, unknownKey, failsLuhn, expired, numericCVV, unknownField, rawNumberAsKey
    }

    @Test("a bad card is 400 invalid_data that never echoes the PAN or the CVV", arguments: BadCard.allCases)
    func badCardRefused(kind: BadCard) async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.newCart()
            try await h.setContact(cart.id)
            let withSession = try await h.service.createPaymentSessions(cartID: cart.id)

            let jwe: String
            switch kind {
            case .malformedJWE:
                jwe = "not.a.jwe." + Cards.good + "." + Cards.cvv
            case .unknownKey:
                // Our public key under a kid neither we nor the merchant know.
                var members = try #require(
                    try JSONSerialization.jsonObject(with: Shared.bridgeKeys.current.publicJWK.jsonData)
                        as? [String: Any])
                members["kid"] = "kid-nobody-knows"
                let jwk = try RSAPublicJWK(jsonData: try JSONSerialization.data(withJSONObject: members))
                jwe = try JWE.encrypt(plaintext: Cards.json(number: Cards.good), to: jwk)
            case .failsLuhn:
                jwe = try h.encryptCard(withSession, number: Cards.failsLuhn)
            case .expired:
                jwe = try JWE.encrypt(
                    plaintext: Cards.json(number: Cards.good, year: "2019"), to: Shared.bridgeKeys.current.publicJWK)
            case .numericCVV:
                jwe = try JWE.encrypt(
                    plaintext: Data(
                        #"{"number":"\#(Cards.good)","name":"Ada","verification_value":\#(Cards.cvv),"month":"08","year":"2031"}"#
                            .utf8),
                    to: Shared.bridgeKeys.current.publicJWK)
            case .unknownField:
                jwe = try JWE.encrypt(
                    plaintext: Data(
                        #"{"number":"\#(Cards.good)","name":"Ada","verification_value":"\#(Cards.cvv)","month":"08","year":"2031","cvc":"\#(Cards.cvv)"}"#
                            .utf8),
                    to: Shared.bridgeKeys.current.publicJWK)
            case .rawNumberAsKey:
                jwe = try JWE.encrypt(
                    plaintext: Data(
                        #"{"number":"\#(Cards.good)","name":"Ada","verification_value":"\#(Cards.cvv)","month":"08","year":"2031","\#(Cards.good)":"x"}"#
                            .utf8),
                    to: Shared.bridgeKeys.current.publicJWK)
            }
            let error = try #require(
                await medusaError {
                    try await h.service.updatePaymentSession(
                        cartID: cart.id, providerID: Shared.providerID,
                        StorePostCartsCartPaymentSessionUpdateReq(data: ["encrypted_card": .string(jwe)]))
                })
            #expect(error.type == .invalidData)
            #expect(error.httpStatus == 400)
            switch kind {
            case .numericCVV: #expect(error.message.contains("verification_value"))
            case .unknownField: #expect(error.message.contains("cvc"))
            default: break
            }
            // A stable code the card element acts on: re-encrypt to the session's key, or point at the field.
            let expectedCode: String? =
                switch kind {
                case .unknownKey: "unknown_card_key"
                case .failsLuhn: "card_luhn_failed"
                case .expired: "card_expired"
                case .numericCVV: "card_invalid_field"
                case .unknownField, .rawNumberAsKey: "card_unknown_field"
                case .malformedJWE: nil
                }
            #expect(error.code?.rawValue == expectedCode)
            for secret in [Cards.good, Cards.failsLuhn, Cards.cvv] {
                #expect(!error.message.contains(secret), "the message must not echo \(secret.suffix(4))")
                #expect(!error.description.contains(secret))
            }
            let stored = try await h.service.cart(id: cart.id)
            #expect(stored.cardData == nil, "no card was attached")
        }
    }

    @Test("a valid card: the session shows brand, last4 and expiry only")
    func validCardIsMasked() async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.newCart()
            try await h.setContact(cart.id)
            let paid = try await h.pay(cart.id, number: Cards.mastercard)

            let session = try #require(paid.paymentSession)
            #expect(session.providerID == Shared.providerID)
            #expect(session.isSelected == true)
            guard case .object(let card)? = paid.cardData else {
                Issue.record("no card in the session data")
                return
            }
            #expect(Set(card.keys) == ["brand", "last4", "exp_month", "exp_year"])
            #expect(card["last4"] == .string("4444"))
            #expect(card["exp_month"] == .integer(8))
            #expect(card["exp_year"] == .integer(2031))
            if case .string(let brand)? = card["brand"] {
                #expect(brand.lowercased().contains("master"))
            } else {
                Issue.record("no brand")
            }
            for text in [try encoded(paid), try encoded(try await h.service.cart(id: cart.id))] {
                #expect(!text.contains(Cards.mastercard))
                // As a JSON value: the three digits alone also turn up inside random ids and timestamps.
                #expect(!text.contains("\"\(Cards.cvv)\""))
                #expect(!text.contains(":\(Cards.cvv),") && !text.contains(":\(Cards.cvv)}"))
                #expect(!text.contains("verification_value"))
                #expect(!text.contains("encrypted_card"))
            }
        }
    }

    @Test("completing without a payment session is refused, as is a session without a card")
    func completeWithoutCard() async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.newCart()
            try await h.setContact(cart.id)
            try await h.chooseCheapestShipping(cart.id)

            let noSession = try #require(await medusaError { try await h.complete(cart.id) })
            #expect(noSession.httpStatus == 400)
            #expect(noSession.message == "You cannot complete a cart without a payment session.")

            _ = try await h.service.createPaymentSessions(cartID: cart.id)
            let noCard = try #require(await medusaError { try await h.complete(cart.id) })
            #expect(noCard.httpStatus == 400)
            #expect(noCard.message.contains("no card"))
            #expect(try await h.ledger().isEmpty)
        }
    }
}

@Suite("CheckoutService: completion")
struct CompletionTests {
    @Test("a declined card is 422 payment_authorization_error and the stored card is gone")
    func declinedCard() async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.readyCart(card: Cards.declined)
            #expect(cart.cardData != nil)

            let declined = try #require(await medusaError { try await h.complete(cart.id) })
            #expect(declined.type == .paymentAuthorizationError)
            #expect(declined.httpStatus == 422)
            #expect(!declined.message.contains(Cards.declined))

            let after = try await h.service.cart(id: cart.id)
            #expect(after.cardData == nil, "the masked card is gone from the session")
            #expect(after.completedAt == nil)

            let again = try #require(await medusaError { try await h.complete(cart.id) })
            #expect(again.type != .paymentAuthorizationError, "the declined card is not tried again")
            #expect(again.message.contains("no card"))
            #expect(try await h.ledger().isEmpty)

            // A new card then completes.
            try await h.pay(cart.id, number: Cards.mastercard)
            let order = try await h.completeOrder(cart.id)
            #expect(order.cartID == cart.id)
            #expect(try await h.ledger().count == 1)
        }
    }

    @Test("a merchant outage at complete-order is 503 with Retry-After; no resend before it settles, then exactly one order")
    func outageThenRetry() async throws {
        let clock = CartFreshnessTests.ManualClock()
        try await CheckoutHarness.run(now: clock.now) { h in
            let cart = try await h.readyCart()
            try await h.setFaults(#"{"unavailable_next":1,"endpoints":["complete-order"]}"#)

            let outage = try #require(await medusaError { try await h.complete(cart.id, key: "k-1") })
            #expect(outage.httpStatus == 503)
            #expect(outage.headers["Retry-After"] != nil)
            #expect(outage.headers["Retry-After"].flatMap { Int($0) }.map { $0 > 0 } == true)
            #expect(try await h.ledger().isEmpty)
            #expect(try await h.service.cart(id: cart.id).completedAt == nil)
            #expect(await medusaError { try await h.service.order(cartID: cart.id) }?.httpStatus == 404)

            // "Unavailable" from Full Cart may come after the store platform behind it took the order: until the
            // first request has settled, a retry reads back and does not send again.
            let pending = try #require(await medusaError { try await h.complete(cart.id, key: "k-1") })
            #expect(pending.httpStatus == 503)
            #expect(try await h.merchantCalls()["payment/complete-order"] == 1)

            clock.advance(seconds: 5 + 120 + 1)
            let order = try await h.completeOrder(cart.id)
            let ledger = try await h.ledger()
            #expect(ledger.count == 1)
            #expect(order.externalID.map { ledger.contains($0) } == true)
        }
    }

    @Test("a lost answer after the merchant committed still returns the order, placed once")
    func lostResponseIsReconciled() async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.readyCart()
            try await h.setFaults(#"{"drop_after_commit_next":1}"#)

            let order = try await h.completeOrder(cart.id)
            let ledger = try await h.ledger()
            #expect(ledger.count == 1)
            #expect(order.externalID.map { ledger.contains($0) } == true)
            #expect(order.cartID == cart.id)

            // Completing again does not place a second merchant order.
            let again = try await h.completeOrder(cart.id)
            #expect(again.id == order.id)
            #expect(try await h.ledger().count == 1)
        }
    }

    @Test("completing twice returns the same order; display ids increase across carts")
    func completionIsIdempotentAndDisplayIDsIncrease() async throws {
        try await CheckoutHarness.run { h in
            let first = try await h.readyCart()
            let order = try await h.completeOrder(first.id)
            #expect(order.email == "ada@example.com")
            #expect(order.items.count == 1)

            let again = try await h.completeOrder(first.id)
            #expect(again.id == order.id)
            #expect(again.displayID == order.displayID)
            #expect(try await h.service.order(cartID: first.id).id == order.id)
            #expect(try await h.service.order(id: order.id).displayID == order.displayID)
            #expect(try await h.service.order(displayID: order.displayID, email: "ada@example.com")?.id == order.id)

            let completed = try await h.service.cart(id: first.id)
            #expect(completed.completedAt != nil)
            let mutation = try #require(
                await medusaError { try await h.service.updateCart(id: first.id, StorePostCartsCartReq(email: "x@y.co")) })
            #expect(mutation.type == .notAllowed, "a completed cart is read-only")

            let second = try await h.readyCart([("hero-hoodie", "MH07-S-Black", 1)])
            let secondOrder = try await h.completeOrder(second.id)
            #expect(secondOrder.id != order.id)
            #expect(secondOrder.displayID > order.displayID)
            #expect(try await h.ledger().count == 2)
        }
    }

    @Test("an item that cannot ship to the address: completion is refused, naming the merchant")
    func notShippable() async throws {
        try await CheckoutHarness.run { h in
            let hawaii = CheckoutHarness.address(
                phone: "8085551212", province: "HI", city: "Honolulu", postalCode: "96813")
            let cart = try await h.readyCart([("heated-vest", "JK50-M", 1)], address: hawaii)

            let error = try #require(await medusaError { try await h.complete(cart.id) })
            #expect(error.type == .notAllowed)
            #expect(error.httpStatus == 400)
            #expect(error.message.contains("apparel.example"))
            #expect(error.message.lowercased().contains("ship"))
            #expect(try await h.ledger().isEmpty)
            #expect(try await h.service.cart(id: cart.id).completedAt == nil)
        }
    }
}
