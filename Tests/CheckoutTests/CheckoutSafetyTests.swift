import Bridge
import Foundation
import MedusaAPI
import MedusaV1
import Testing

/// After complete-order goes out, only the merchant's own refusal means "nothing was placed"; placed orders are
/// found and adopted however the answer got lost. Against the simulator over real HTTP, its ledger the truth.
@Suite("CheckoutService: completion never loses a placed order", .timeLimit(.minutes(2)))
struct PlacedOrderSafetyTests {
    @Test(
        "a proxy's error page after the merchant committed: the order is read back and returned, placed once",
        arguments: [502, 503, 504])
    func proxyErrorPageAfterCommit(status: Int) async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.readyCart()
            try await h.setFaults(#"{"proxy_error_after_commit_next":1,"proxy_error_status":\#(status)}"#)
            let order = try await h.completeOrder(cart.id)
            #expect(order.cartID == cart.id)
            #expect(try await h.ledger().count == 1)
            #expect(try await h.merchantCalls()["payment/complete-order"] == 1, "never sent twice")
        }
    }

    @Test("a merchant that refuses yet placed: the submitted cart, with no send recorded, is adopted on retry")
    func submittedWithoutARecordedSend() async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.readyCart()
            try await h.setFaults(#"{"refuse_after_commit_next":1}"#)
            let refused = try #require(await medusaError { try await h.complete(cart.id) })
            #expect(refused.httpStatus == 400)
            #expect(try await h.ledger().count == 1, "the merchant did place it")

            let order = try await h.completeOrder(cart.id)
            #expect(order.cartID == cart.id)
            #expect(try await h.ledger().count == 1)
            #expect(try await h.merchantCalls()["payment/complete-order"] == 1)
        }
    }

    @Test("a 409 'already submitted' on a resend after the settle window: adopted, not refused")
    func conflictOnResend() async throws {
        let clock = CartFreshnessTests.ManualClock()
        try await CheckoutHarness.run(now: clock.now) { h in
            let cart = try await h.readyCart()
            // The proxy loses the answer, and two cart reads lag behind the submission.
            try await h.setFaults(#"{"proxy_error_after_commit_next":1,"stale_cart_reads_next":2}"#)
            let pending = try #require(await medusaError { try await h.complete(cart.id) })
            #expect(pending.httpStatus == 503, "may have placed: retry")
            #expect(pending.headers["Retry-After"] != nil)

            // Past the first request's deadline and settle time the cart still reads active, so CartBridge sends again; the
            // merchant answers 409 ErrorCartSubmitted, and reading back finds the order.
            clock.advance(seconds: 5 + 120 + 1)
            let order = try await h.completeOrder(cart.id)
            #expect(order.cartID == cart.id)
            #expect(try await h.ledger().count == 1)
            #expect(try await h.merchantCalls()["payment/complete-order"] == 2)
        }
    }

    @Test("an answer that is not a submitted order is read back before it counts")
    func unsubmittedAnswerIsReadBack() async throws {
        let clock = CartFreshnessTests.ManualClock()
        try await CheckoutHarness.run(now: clock.now) { h in
            let cart = try await h.readyCart()
            // A proxy page, and the read-back lags: nothing is known yet, so nothing is claimed.
            try await h.setFaults(#"{"proxy_error_after_commit_next":1,"stale_cart_reads_next":1}"#)
            let pending = try #require(await medusaError { try await h.complete(cart.id) })
            #expect(pending.httpStatus == 503)
            // Within the first request's deadline a retry must not send again; it finds the order instead.
            let order = try await h.completeOrder(cart.id)
            #expect(order.cartID == cart.id)
            #expect(try await h.merchantCalls()["payment/complete-order"] == 1)
        }
    }
}

@Suite("CheckoutService: the merchant's payment key", .timeLimit(.minutes(2)))
struct MerchantPaymentKeyTests {
    @Test("the key is cached across completions, and fetched again when the merchant refuses a card for it")
    func cachedThenRefetchedOnRotation() async throws {
        try await CheckoutHarness.run { h in
            let first = try await h.readyCart()
            _ = try await h.completeOrder(first.id)
            let second = try await h.readyCart()
            _ = try await h.completeOrder(second.id)
            #expect(try await h.merchantCalls()["payment/key"] == 1, "one fetch for both completions")

            // The merchant rotates with no grace: the cached key is refused once, fetched again, and the card
            // sent again under the new key.
            try await h.control(.POST, "key/rotate", #"{"grace_seconds":0}"#)
            let third = try await h.readyCart()
            _ = try await h.completeOrder(third.id)
            #expect(try await h.merchantCalls()["payment/key"] == 2)
            #expect(try await h.merchantCalls()["payment/complete-order"] == 4)
            #expect(try await h.ledger().count == 3)
        }
    }
}

@Suite("CheckoutService: untrusted merchant answers and bounded waits", .timeLimit(.minutes(2)))
struct UntrustedMerchantTests {
    @Test("a cart with absurd amounts in a foreign currency is 502 and not kept; later reads still work")
    func absurdAmountsAreRefused() async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.newCart()
            let variant = try await h.variantID(handle: "radiant-tee", sku: "WS12-XS-Orange")
            try await h.setFaults(#"{"corrupt_amounts_next":1,"endpoints":["cart"]}"#)
            let refused = try #require(await medusaError { try await h.setContact(cart.id) })
            #expect(refused.httpStatus == 502)
            #expect(refused.type == .unexpectedState)
            #expect(try await h.service.cart(id: cart.id).email == nil, "the change was not kept")

            // An add is not safe to repeat: made at the merchant but unconfirmable here, it is a 500, which no
            // client retries blindly.
            try await h.setFaults(#"{"corrupt_amounts_next":1,"endpoints":["cart"]}"#)
            let error = try #require(
                await medusaError {
                    try await h.service.addLineItem(
                        cartID: cart.id, StorePostCartsCartLineItemsReq(variantID: variant, quantity: 1))
                })
            #expect(error.httpStatus == 500)
            #expect(error.type == .unexpectedState)

            // The merchant keeps the line it added; the next read asks it and shows the truth.
            let read = try await h.service.cart(id: cart.id)
            #expect(read.items.map(\.quantity) == [2])
            #expect(read.total > 0)

            // An absurd answer to a read leaves the stored cart in place.
            try await h.setFaults(#"{"corrupt_amounts_next":1,"endpoints":["cart"]}"#)
            let again = try await h.service.cart(id: cart.id)
            #expect(again.total == read.total)
        }
    }

    @Test("a merchant that sends headers and stalls: reads answer from the stored cart, changes get 409, the call ends at its deadline")
    func stalledMerchant() async throws {
        // A deadline with room for a loaded CI machine; the stall is far longer.
        try await CheckoutHarness.run(
            requestTimeout: .seconds(3), lockWaits: LockWaits(read: .milliseconds(200), mutation: .milliseconds(300))
        ) { h in
            let cart = try await h.newCart()
            let variant = try await h.variantID(handle: "radiant-tee", sku: "WS12-XS-Orange")
            let linesBefore = try await h.merchantCalls()["cart/line-items", default: 0]
            try await h.setFaults(#"{"body_stall_ms":10000,"endpoints":["cart/line-items"]}"#)
            let started = ContinuousClock.now
            async let stalled = h.service.addLineItem(
                cartID: cart.id, StorePostCartsCartLineItemsReq(variantID: variant, quantity: 1))
            // The add is at the merchant (holding the cart) once the merchant has seen it.
            try await h.waitForMerchantCalls("cart/line-items", atLeast: linesBefore + 1)

            let read = try await h.service.cart(id: cart.id)
            #expect(read.items.map(\.quantity) == [1], "the stored cart answers the read")

            let conflict = try #require(
                await medusaError { try await h.service.updateCart(id: cart.id, StorePostCartsCartReq(email: "a@b.co")) })
            #expect(conflict.httpStatus == 409)
            #expect(conflict.type == .conflict)

            // The answer never came; reading the merchant cart back shows the add was made, so that is the answer
            // (a blind retry would add the tee twice).
            let added = try await stalled
            let elapsed = ContinuousClock.now - started
            #expect(added.items.map(\.quantity) == [2])
            #expect(elapsed < .seconds(8), "the stalled call ended at its 3 s deadline, not the 10 s stall: \(elapsed)")
            #expect(try await h.merchantCalls()["cart/line-items"] == linesBefore + 1, "sent once")
        }
    }

    @Test("an add the merchant itself refuses is not read back: it fails as it was, and a retry adds once")
    func refusedAddIsNotReadBack() async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.newCart()
            let variant = try await h.variantID(handle: "radiant-tee", sku: "WS12-XS-Orange")
            // The merchant's own 503 envelope: nothing was done.
            try await h.setFaults(#"{"unavailable_next":1,"endpoints":["cart/line-items"]}"#)
            let unavailable = try #require(
                await medusaError {
                    try await h.service.addLineItem(
                        cartID: cart.id, StorePostCartsCartLineItemsReq(variantID: variant, quantity: 1))
                })
            #expect(unavailable.httpStatus == 503)
            #expect(try await h.merchantCalls()["cart"] == nil, "no read-back after a definite refusal")
            let retried = try await h.service.addLineItem(
                cartID: cart.id, StorePostCartsCartLineItemsReq(variantID: variant, quantity: 1))
            #expect(retried.items.map(\.quantity) == [2])
        }
    }
}

@Suite("CheckoutService: card testing", .timeLimit(.minutes(2)))
struct DeclineLimitTests {
    @Test("after the allowed declines within an hour a cart's completions get 429 with Retry-After")
    func declinesAreLimitedPerCart() async throws {
        try await CheckoutHarness.run(declinedCompletionsPerHour: 2) { h in
            let cart = try await h.readyCart(card: Cards.declined)
            for _ in 0..<2 {
                let declined = try #require(await medusaError { try await h.complete(cart.id) })
                #expect(declined.httpStatus == 422)
                try await h.pay(cart.id, number: Cards.declined)
            }
            try await h.pay(cart.id, number: Cards.good)
            let limited = try #require(await medusaError { try await h.complete(cart.id) })
            #expect(limited.httpStatus == 429)
            #expect(limited.code?.rawValue == "rate_limited")
            let retryAfter = try #require(limited.headers["Retry-After"].flatMap(Int.init))
            #expect((3500...3600).contains(retryAfter))
            #expect(try await h.ledger().isEmpty)

            // Another cart is not affected.
            let other = try await h.readyCart()
            _ = try await h.completeOrder(other.id)
        }
    }
}
