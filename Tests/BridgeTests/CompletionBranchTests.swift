import Bridge
import BridgeStore
import Foundation
import FullCartAPI
import Testing

/// Each completion branch of the core against scripted merchants (no network, no wire types): the outcome or
/// the core error, what the merchant was sent, and that an order is placed once and never lost.
@Suite struct CompletionBranchTests {
    static let apparel = "apparel.example"
    static let home = "home.example"

    static func merchant(_ domain: String, _ steps: [ScriptedMerchant.CompleteOrderStep] = []) -> ScriptedMerchant {
        ScriptedMerchant(
            domain: domain, cart: CoreHarness.merchantCart(domain), key: CoreHarness.merchantKey, steps: steps)
    }

    static func placedOrder(_ result: CompletionOutcome) -> PlacedOrder? {
        if case .placed(let order) = result { return order }
        return nil
    }

    /// The merchant order numbers an order holds, in the cart's merchant order.
    static func orderNumbers(_ order: PlacedOrder) -> [String?] {
        order.cart.merchants.map { $0.placedOrder?.orderNumber }
    }

    static func proxyPage(_ status: Int) -> FullCartError {
        FullCartError(
            kind: .unrecognizedAnswer, status: status, code: "UnrecognizedAnswer", message: "<html>bad gateway</html>",
            endpoint: "POST payment/complete-order")
    }

    static let timedOut = FullCartError(
        kind: .timeout, status: nil, code: "Timeout", message: "no answer in time", endpoint: "POST payment/complete-order")

    @Test func placesTheOrderWithTheCardEncryptedToTheMerchantsKey() async throws {
        let merchant = Self.merchant(Self.apparel)
        try await CoreHarness.run([merchant]) { core in
            let cartID = try await core.readyCart([merchant])
            let order = try #require(Self.placedOrder(try await core.service.complete(cartID: cartID)))
            #expect(Self.orderNumbers(order) == ["\(Self.apparel)-1"])
            #expect(order.cart.completedAt != nil)
            #expect(merchant.count("completeOrder") == 1)
            let opened = try CoreHarness.opened(try #require(merchant.receivedCards.first))
            #expect(opened.kid == CoreHarness.merchantKey.kid)
            #expect(opened.number == "4111111111111111")
            #expect(try await core.store.card(cartID: cartID, now: core.clock.now) == nil, "the card is gone once placed")
        }
    }

    @Test func aDeclineDropsTheCardAndCountsTowardsTheLimit() async throws {
        let merchant = Self.merchant(Self.apparel, [.refuse(code: "ErrorPaymentDeclined", status: 422)])
        try await CoreHarness.run([merchant]) { core in
            let cartID = try await core.readyCart([merchant])
            let error = await #expect(throws: CheckoutError.self) {
                try await core.service.complete(cartID: cartID)
            }
            guard case .declined(let failure, let domain)? = error?.kind else {
                Issue.record("expected a decline, got \(String(describing: error))")
                return
            }
            #expect(failure.code == "ErrorPaymentDeclined" && domain == Self.apparel)
            #expect(try await core.store.card(cartID: cartID, now: core.clock.now) == nil)
            let cart = try await core.service.storedCart(id: cartID)
            #expect(cart.completedAt == nil)
            #expect(cart.declinedAt?.count == 1)
            #expect(cart.payment?.card == nil)

            try await core.addCard("5555555555554444", to: cartID)
            _ = try #require(Self.placedOrder(try await core.service.complete(cartID: cartID)))
            #expect(merchant.count("completeOrder") == 2)
            #expect(try CoreHarness.opened(merchant.receivedCards[1]).number == "5555555555554444")
        }
    }

    /// The merchant placed the order but its answer never came (a timeout, or a proxy's 502/503 page): the
    /// merchant cart is read back and the order adopted, with one send.
    @Test(arguments: [Self.timedOut, Self.proxyPage(502), Self.proxyPage(503)])
    func anAnswerLostAfterTheMerchantPlacedIsReadBack(_ lost: FullCartError) async throws {
        let merchant = Self.merchant(Self.apparel, [.placeThenFail(lost)])
        try await CoreHarness.run([merchant]) { core in
            let cartID = try await core.readyCart([merchant])
            let order = try #require(Self.placedOrder(try await core.service.complete(cartID: cartID)))
            #expect(Self.orderNumbers(order) == ["\(Self.apparel)-1"])
            #expect(merchant.count("completeOrder") == 1)
            #expect(merchant.callNames.suffix(2) == ["completeOrder", "cart"], "read back after the lost answer")
        }
    }

    /// A proxy's 503 page when nothing was placed: the storefront is told to retry (503, Retry-After), and
    /// complete-order is not sent again until the merchant's settle time has passed.
    @Test func aProxyPageWithoutAnOrderIsNotResentBeforeTheSettleTime() async throws {
        let merchant = Self.merchant(Self.apparel, [.failWithoutPlacing(Self.proxyPage(503))])
        try await CoreHarness.run([merchant]) { core in
            let cartID = try await core.readyCart([merchant])
            for attempt in 1...2 {
                let error = await #expect(throws: CheckoutError.self, "attempt \(attempt)") {
                    try await core.service.complete(cartID: cartID)
                }
                #expect(error?.kind == .orderPending(domain: Self.apparel))
                #expect(error?.isTransient == true)
                #expect(error?.retryAfterSeconds ?? 0 > 100, "retry after the 150 s settle window")
                core.clock.advance(by: 10)
            }
            #expect(merchant.count("completeOrder") == 1, "no resend inside the settle window")

            core.clock.advance(by: 150)
            _ = try #require(Self.placedOrder(try await core.service.complete(cartID: cartID)))
            #expect(merchant.count("completeOrder") == 2)
        }
    }

    /// The merchant rotated its key without grace: the refusal marked `not_placed_check_key` refetches the key
    /// and sends once more, encrypted to the new one; the order is placed once.
    @Test func aKeyRotationIsFollowedWithOneMoreSend() async throws {
        let merchant = Self.merchant(Self.apparel, [.rotateKeyAndRefuse(to: CoreHarness.rotatedMerchantKey)])
        try await CoreHarness.run([merchant]) { core in
            let cartID = try await core.readyCart([merchant])
            let order = try #require(Self.placedOrder(try await core.service.complete(cartID: cartID)))
            #expect(Self.orderNumbers(order) == ["\(Self.apparel)-1"])
            let kids = try merchant.receivedCards.map { try CoreHarness.opened($0).kid }
            #expect(kids == [CoreHarness.merchantKey.kid, CoreHarness.rotatedMerchantKey.kid])
            #expect(merchant.count("paymentKey") == 2, "one fetch, one refetch after the refusal")
        }
    }

    /// A refusal about the key when the key did not change is the merchant's answer: no second send.
    @Test func aKeyRefusalWithoutRotationIsNotResent() async throws {
        let merchant = Self.merchant(Self.apparel, [.refuse(code: "ErrorInvalidInputBody", status: 400)])
        try await CoreHarness.run([merchant]) { core in
            let cartID = try await core.readyCart([merchant])
            let error = await #expect(throws: CheckoutError.self) {
                try await core.service.complete(cartID: cartID)
            }
            guard case .merchant(let failure, _)? = error?.kind else {
                Issue.record("expected the merchant's refusal, got \(String(describing: error))")
                return
            }
            #expect(failure.code == "ErrorInvalidInputBody")
            #expect(merchant.count("completeOrder") == 1)
        }
    }

    /// Two merchants: the first places, the second declines. The storefront gets the cart back with
    /// the cart back, partially placed (Medusa's `requires_more`); a retry with a new card completes only the second.
    @Test func aPartialCompletionResumesWithTheRest() async throws {
        let apparel = Self.merchant(Self.apparel)
        let home = Self.merchant(Self.home, [.refuse(code: "ErrorPaymentDeclined", status: 422)])
        try await CoreHarness.run([apparel, home]) { core in
            let cartID = try await core.readyCart([apparel, home])
            let first = try await core.service.complete(cartID: cartID)
            guard case .partiallyPlaced(let cart, let reason) = first else {
                Issue.record("expected a partial completion, got \(first)")
                return
            }
            #expect(cart.merchant(Self.apparel)?.placedOrder != nil)
            #expect(cart.merchant(Self.home)?.placedOrder == nil)
            guard case .declined = reason.kind else {
                Issue.record("expected the decline as the reason, got \(reason)")
                return
            }

            try await core.addCard("5555555555554444", to: cartID)
            let order = try #require(Self.placedOrder(try await core.service.complete(cartID: cartID)))
            #expect(apparel.count("completeOrder") == 1, "the placed merchant is not sent again")
            #expect(home.count("completeOrder") == 2)
            #expect(Self.orderNumbers(order) == ["\(Self.apparel)-1", "\(Self.home)-1"])
            #expect([apparel, home].map(\.currentCart.platformOrderNumber) == ["\(Self.apparel)-1", "\(Self.home)-1"])
        }
    }
}
