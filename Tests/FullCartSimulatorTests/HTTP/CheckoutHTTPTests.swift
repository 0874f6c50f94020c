import CardCrypto
import Foundation
import FullCartAPI
import Testing

struct CheckoutHTTPTests {
    static let apparel = "apparel.example"
    static let home = "home.example"

    @Test func aFullCheckout() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            let product = try await sim.send(
                .GET, "/api/v1/domains-products/\(Self.home)/harbor-sofa", token: session.token)
            let variant = try #require(try product.decode(FullCartProduct.self).variants.first)
            let ref = try String(decoding: JSONEncoder().encode(variant.addToCartRef), as: UTF8.self)
            let added = try await sim.post(
                Self.home, "line-items", json: #"{"add_to_cart_ref":\#(ref),"quantity":1}"#, session)
            #expect(added.status == 200)
            try await sim.addLineOK(Self.home, sku: "TX10-Rust", quantity: 2, session)
            _ = try await sim.post(
                Self.home, "addons",
                json: #"{"selections":[{"addon_id":"assembly","selected_child_ids":["assembly_only"]}]}"#,
                session)
            let ready = try await sim.setShippingInfoOK(Self.home, state: "NY", session)
            #expect(ready.status == .active)

            let keyReply = try await sim.send(.GET, "/api/v1/payment/key")
            let jwk = try RSAPublicJWK(jsonData: keyReply.body)
            #expect(keyReply.headers.first(name: "x-firmly-kid") == jwk.kid)
            #expect(jwk.use == "enc" && jwk.alg == "RSA-OAEP-256" && jwk.kty == "RSA")
            #expect(jwk.keySizeInBits == 2048)

            let encrypted = try SimulatorHarness.encryptedCard("4111111111111111", to: jwk)
            let reply = try await sim.completeOrder(Self.home, encryptedCard: encrypted, session)
            #expect(reply.status == 200, "\(reply.text)")
            let order = try reply.decode(FullCartCart.self)
            #expect(order.status == .submitted)
            #expect(order.platformOrderNumber == "SIM-100001")
            #expect(order.cartID == ready.cartID)
            #expect(order.submittedAt.flatMap { try? Date($0, strategy: .iso8601) } != nil)
            #expect(order.urls?.thankYouPage?.hasPrefix("https://home.example/") == true)
            #expect(order.billingInfo?.email == "ada@example.com")
            #expect(
                order.paymentSummary
                    == FullCartPaymentSummary(
                        paymentType: "CreditCard", lastFour: "1111", cardType: "Visa", month: 8, year: 2031))
            #expect(order.total == ready.total)
            #expect(!reply.text.contains("4111111111111111"))

            let ledger = try await sim.ledger()
            #expect(ledger.count == 1)
            let entry = try #require(ledger.first)
            #expect(entry["order_number"] as? String == "SIM-100001")
            #expect(entry["domain"] as? String == Self.home)
            #expect(entry["cart_id"] as? String == order.cartID)
            #expect(entry["device_id"] as? String == session.deviceID)
            #expect(entry["key_id"] as? String == jwk.kid)
            #expect((entry["total"] as? [String: Any])?["number"] as? Int == order.total?.minorUnits)
            let card = try #require(entry["card"] as? [String: Any])
            #expect(card["brand"] as? String == "Visa")
            #expect(card["last_four"] as? String == "1111")
            #expect(card["exp_month"] as? Int == 8 && card["exp_year"] as? Int == 2031)
            #expect(card["name"] as? String == "Ada Lovelace")
            let lines = try #require(entry["line_items"] as? [[String: Any]])
            #expect(lines.map { $0["sku"] as? String } == [variant.sku, "TX10-Rust"])
            let ledgerText = try await sim.send(.GET, "/_simulator/orders").text
            #expect(!ledgerText.contains("4111111111111111") && !ledgerText.contains("\"123\""))

            let reread = try await sim.cart(Self.home, session)
            #expect(reread.status == .submitted)
            #expect(reread.platformOrderNumber == "SIM-100001")

            let mutation = try await sim.addLine(Self.home, sku: "TX10-Rust", session)
            #expect(mutation.status == 409)
            #expect(mutation.errorCode == "ErrorCartSubmitted")
            let twice = try await sim.completeOrder(Self.home, card: "4111111111111111", session)
            #expect(twice.status == 409)
            #expect(twice.errorCode == "ErrorCartSubmitted")
        }
    }

    @Test func ordersDecrementStockAndNumbersIncrease() async throws {
        try await SimulatorHarness.run { sim in
            let buyer = try await sim.newSession()
            try await sim.addLineOK(Self.apparel, sku: "JK40-S-Brown", quantity: 20, buyer)
            try await sim.setShippingInfoOK(Self.apparel, buyer)
            let first = try await sim.completeOrder(Self.apparel, card: "5555555555554444", buyer)
            #expect(try first.decode(FullCartCart.self).platformOrderNumber == "SIM-100001")
            #expect(try first.decode(FullCartCart.self).paymentSummary?.cardType == "Mastercard")

            let other = try await sim.newSession()
            let soldOut = try await sim.addLine(Self.apparel, sku: "JK40-S-Brown", other)
            #expect(soldOut.errorCode == "ErrorNotEnoughStock")
            let product = try await sim.send(
                .GET, "/api/v1/domains-products/\(Self.apparel)/classic-leather-jacket", token: other.token)
            #expect(
                try product.decode(FullCartProduct.self).variants.first { $0.sku == "JK40-S-Brown" }?.available == false
            )

            let amex = try await sim.readyApparelCart()
            let second = try await sim.completeOrder(Self.apparel, card: "378282246310005", cvv: "1234", amex)
            #expect(try second.decode(FullCartCart.self).platformOrderNumber == "SIM-100002")
            #expect(try second.decode(FullCartCart.self).paymentSummary?.cardType == "American Express")
        }
    }

    @Test func aCartHoldingMoreThanIsLeftIsBlocked() async throws {
        try await SimulatorHarness.run { sim in
            let slow = try await sim.newSession()
            let line = try #require(
                try await sim.addLineOK(Self.home, sku: "KT90-Steel", quantity: 5, slow).lineItems.first)
            let fast = try await sim.newSession()
            try await sim.addLineOK(Self.home, sku: "KT90-Steel", quantity: 22, fast)
            try await sim.setShippingInfoOK(Self.home, fast)
            #expect(try await sim.completeOrder(Self.home, card: "4111111111111111", fast).status == 200)

            try await sim.setShippingInfoOK(Self.home, slow)
            let cart = try await sim.cart(Self.home, slow)
            #expect(cart.status == .checkoutBlocked)
            #expect(cart.notices.map(\.code) == ["ITEM_OUT_OF_STOCK"])
            #expect(cart.notices.first?.lineItemID == line.lineItemID)
            let refused = try await sim.completeOrder(Self.home, card: "4111111111111111", slow)
            #expect(refused.status == 422)
            #expect(refused.errorCode == "ErrorMissingRequiredParameters")
        }
    }

    @Test func theKeyIsServedInThreeFormats() async throws {
        try await SimulatorHarness.run { sim in
            let jwk = try await sim.send(.GET, "/api/v1/payment/key?format=JWK")
            let kid = try #require(jwk.headers.first(name: "x-firmly-kid"))
            #expect(Set(try jwk.json().keys) == ["kid", "kty", "n", "e", "use", "alg"])
            let pem = try await sim.send(.GET, "/api/v1/payment/key?format=PEM")
            #expect(pem.text.hasPrefix("-----BEGIN PUBLIC KEY-----"))
            #expect(pem.headers.first(name: "x-firmly-kid") == kid)
            #expect(pem.headers.first(name: "content-type")?.hasPrefix("text/plain") == true)
            let rsa = try await sim.send(.GET, "/api/v1/payment/key?format=RSA")
            #expect(rsa.text.hasPrefix("-----BEGIN RSA PUBLIC KEY-----"))
            #expect(try RSAPublicJWK(pem: rsa.text, kid: kid) == RSAPublicJWK(jsonData: jwk.body))
            let bad = try await sim.send(.GET, "/api/v1/payment/key?format=XML")
            #expect(bad.status == 400)
            #expect(bad.errorCode == "InvalidRequest")
        }
    }

    @Test(arguments: [
        ("4000000000000002", 402, "ErrorPaymentDeclined", "Your card was declined."),
        ("4000000000009995", 402, "ErrorPaymentDeclined", "Your card has insufficient funds."),
        ("4000000000000127", 402, "ErrorPaymentDeclined", "Your card's security code is incorrect."),
        ("4000000000000119", 503, "ErrorStoreUnavailable", "The payment processor is unavailable; no order was placed"),
    ])
    func testCardsThatFail(number: String, status: Int, code: String, description: String) async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.readyApparelCart()
            let reply = try await sim.completeOrder(Self.apparel, card: number, session)
            #expect(reply.status == status)
            let error = try reply.decode(FullCartErrorBody.self)
            #expect(error.error == code)
            #expect(error.description == description)
            #expect(try await sim.ledger().isEmpty)
            #expect(try await sim.cart(Self.apparel, session).status == .active)
            // The shopper can try another card.
            #expect(try await sim.completeOrder(Self.apparel, card: "4111111111111111", session).status == 200)
        }
    }

    @Test func invalidCardsAreRefusedWithoutEchoingThem() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.readyApparelCart()
            let key = try await sim.paymentKey()
            let cases: [(card: String, problem: String)] = [
                (try SimulatorHarness.encryptedCard("4111111111111112", to: key), "fails the Luhn check"),
                (try SimulatorHarness.encryptedCard("4111111111111111", year: "2020", to: key), "card is expired"),
                (try SimulatorHarness.encryptedCard("4111111111111111", cvv: "12", to: key), "verification_value"),
                (try SimulatorHarness.encryptedCard("378282246310005", cvv: "123", to: key), "verification_value"),
                ("not-a-jwe", "could not be decrypted"),
            ]
            for (card, problem) in cases {
                let reply = try await sim.completeOrder(Self.apparel, encryptedCard: card, session)
                #expect(reply.status == 400)
                let error = try reply.decode(FullCartErrorBody.self)
                #expect(error.error == "ErrorInvalidInputBody")
                #expect(error.description?.contains(problem) == true, "\(error.text)")
                #expect(!reply.text.contains("411111111111111"))
            }
            #expect(try await sim.ledger().isEmpty)
        }
    }

    @Test func orderBodiesAreValidated() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.readyApparelCart()
            let empty = try await sim.send(
                .POST, "/api/v2/payment/domains/\(Self.apparel)/complete-order", json: "{}", token: session.token)
            #expect(empty.status == 400)
            #expect(
                try empty.decode(FullCartErrorBody.self).description
                    == "Missing required fields: encrypted_card, billing_info")
            let card = try SimulatorHarness.encryptedCard("4111111111111111", to: try await sim.paymentKey())
            let billing = try await sim.completeOrder(
                Self.apparel, encryptedCard: card, billing: #"{"first_name":"Ada","country":"US"}"#, session)
            #expect(billing.status == 400)
            #expect(
                try billing.decode(FullCartErrorBody.self).description?.hasPrefix(
                    "Missing required fields: billing_info.last_name") == true)
            let unauthenticated = try await sim.send(
                .POST, "/api/v2/payment/domains/\(Self.apparel)/complete-order", json: "{}")
            #expect(unauthenticated.status == 401)
        }
    }

    @Test func theCartMustBeReady() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            let noCart = try await sim.completeOrder(Self.home, card: "4111111111111111", session)
            #expect(noCart.status == 404)
            #expect(noCart.errorCode == "ErrorCartNotFound")
            let unknownDomain = try await sim.completeOrder("nowhere.example", card: "4111111111111111", session)
            #expect(unknownDomain.errorCode == "ErrorCartNotFound")

            try await sim.cart(Self.home, session)
            try await expectNotReady("Cart has no line items", sim, session)
            try await sim.addLineOK(Self.home, sku: "FN100-Oat", session)
            try await expectNotReady("Cart has no shipping_info", sim, session)
            try await sim.setShippingInfoOK(Self.home, state: "WA", session)
            try await expectNotReady("Required addon 'assembly' has not been selected", sim, session)
            _ = try await sim.post(
                Self.home, "addons",
                json: #"{"selections":[{"addon_id":"assembly","selected_child_ids":["assembly_none"]}]}"#,
                session)
            try await sim.addLineOK(Self.home, sku: "OD20-Black", session)
            try await sim.setShippingInfoOK(Self.home, state: "HI", session)
            try await expectNotReady("Cart status is item_not_shippable (ITEM_NOT_SHIPPABLE)", sim, session)

            let shipment = try #require(
                try await sim.setShippingInfoOK(Self.home, state: "WA", session).shipments.first)
            _ = try await sim.post(
                Self.home, "shipments/fulfillment-type",
                json: #"{"shipment_id":"\#(shipment.shipmentID)","fulfillment_type":"SCHEDULED_DELIVERY"}"#, session)
            let heater = try #require(try await sim.cart(Self.home, session).lineItems.last)
            _ = try await sim.send(
                .PUT, "/api/v2/domains/\(Self.home)/cart/line-items/\(heater.lineItemID)", json: #"{"quantity":0}"#,
                token: session.token)
            try await sim.setShippingInfoOK(Self.home, state: "AK", session)
            try await expectNotReady("Shipment '\(shipment.shipmentID)' has no shipping_method", sim, session)

            try await sim.setShippingInfoOK(Self.home, state: "WA", session)
            let placed = try await sim.completeOrder(Self.home, card: "4111111111111111", session)
            #expect(placed.status == 200)
            #expect(try placed.decode(FullCartCart.self).shipments.first?.shippingMethod?.id == "WHITE_GLOVE")
        }
    }

    private func expectNotReady(
        _ description: String, _ sim: SimulatorHarness, _ session: SimulatorHarness.Session,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let reply = try await sim.completeOrder(Self.home, card: "4111111111111111", session)
        #expect(reply.status == 422, sourceLocation: sourceLocation)
        let error = try reply.decode(FullCartErrorBody.self)
        #expect(error.error == "ErrorMissingRequiredParameters", sourceLocation: sourceLocation)
        #expect(error.description == description, sourceLocation: sourceLocation)
    }

    @Test func theV1PathPlacesOrdersToo() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.readyApparelCart()
            let card = try SimulatorHarness.encryptedCard("4111111111111111", to: try await sim.paymentKey())
            let reply = try await sim.completeOrder(Self.apparel, encryptedCard: card, session, version: "v1")
            #expect(reply.status == 200)
            #expect(try reply.decode(FullCartCart.self).status == .submitted)
        }
    }

    @Test func rotatedKeysDecryptDuringTheirGracePeriod() async throws {
        try await SimulatorHarness.run { sim in
            let oldKey = try await sim.paymentKey()
            let rotation = try await sim.send(.POST, "/_simulator/key/rotate")
            #expect(rotation.status == 200)
            let rotated = try rotation.json()
            #expect(rotated["previous_kid"] as? String == oldKey.kid)
            let newKid = try #require(rotated["kid"] as? String)
            #expect(newKid != oldKey.kid)
            let newKey = try await sim.paymentKey()
            #expect(newKey.kid == newKid)

            let graced = try await sim.readyApparelCart()
            let oldCard = try SimulatorHarness.encryptedCard("4111111111111111", to: oldKey)
            let accepted = try await sim.completeOrder(Self.apparel, encryptedCard: oldCard, graced)
            #expect(accepted.status == 200)
            #expect(try await sim.ledger().first?["key_id"] as? String == oldKey.kid)

            let immediate = try await sim.send(.POST, "/_simulator/key/rotate", json: #"{"grace_seconds":0}"#)
            #expect(try immediate.json()["previous_kid"] as? String == newKid)
            let refusedSession = try await sim.readyApparelCart()
            let stale = try await sim.completeOrder(
                Self.apparel, encryptedCard: try SimulatorHarness.encryptedCard("4111111111111111", to: newKey),
                refusedSession)
            #expect(stale.status == 400)
            #expect(
                try stale.decode(FullCartErrorBody.self).description
                    == "encrypted_card was encrypted to an unknown or retired key")
        }
    }

    @Test func theConfiguredGracePeriodApplies() async throws {
        try await SimulatorHarness.run(keyGrace: .zero) { sim in
            let oldKey = try await sim.paymentKey()
            #expect(try await sim.send(.POST, "/_simulator/key/rotate").status == 200)
            let session = try await sim.readyApparelCart()
            let reply = try await sim.completeOrder(
                Self.apparel, encryptedCard: try SimulatorHarness.encryptedCard("4111111111111111", to: oldKey), session
            )
            #expect(reply.status == 400)
            #expect(reply.errorCode == "ErrorInvalidInputBody")
        }
    }
}
