import CardCrypto
import Foundation
import FullCartAPI
import Testing

/// The typed client against the simulator over real loopback HTTP: the happy paths.
@Suite("Full Cart client ↔ simulator: checkout")
struct ClientCheckoutTests {
    @Test("session → catalog → add → shipping info → key → complete places one order")
    func fullCheckout() async throws {
        try await SimulatorHarness.run { sim in
            let client = sim.client()
            var session = try await client.createSession()

            let list = try await client.products(session: session)
            #expect(list.value.contains { $0.handle == "radiant-tee" })
            let product = try await client.product(handle: "radiant-tee", session: list.session)
            let variant = try #require(product.value.variants.first { $0.available })
            session = product.session

            var cart = try await client.addLineItem(
                FullCartAddLineItemRequest(addToCartRef: variant.addToCartRef, quantity: 2), session: session)
            #expect(cart.value.lineItems.map(\.quantity) == [2])
            #expect(cart.value.subTotal?.minorUnits == variant.price.minorUnits * 2)

            cart = try await client.setShippingInfo(Shopper.address, session: cart.session)
            let shipment = try #require(cart.value.shipments.first)
            #expect(shipment.shippingMethod != nil, "the cheapest method is auto-selected")
            #expect(cart.value.taxTotal.map { $0.minorUnits > 0 } == true, "WA is taxed")
            Self.expectConsistentTotals(cart.value)

            let order = try await client.completeOrder(
                FullCartCompleteOrderRequest(
                    encryptedCard: try await Shopper.encryptedCard(for: client), billingInfo: Shopper.address),
                session: cart.session)
            #expect(order.value.status == .submitted)
            let orderNumber = try #require(order.value.platformOrderNumber)
            #expect(order.value.urls?.thankYouPage != nil)
            #expect(order.value.paymentSummary?.lastFour == "1111")

            let ledger = try await sim.orders()
            #expect(ledger.map(\.orderNumber) == [orderNumber])
            #expect(ledger.first?.card.lastFour == "1111")

            // Reading the cart back after the order is how a lost answer is reconciled.
            let readBack = try await client.cart(session: order.session)
            #expect(readBack.value.status == .submitted)
            #expect(readBack.value.platformOrderNumber == orderNumber)
        }
    }

    @Test("line items update and remove; quantity 0 removes; clear empties")
    func lineItemLifecycle() async throws {
        try await SimulatorHarness.run { sim in
            let client = sim.client()
            let session = try await client.createSession()
            var cart = try await client.addLineItem(
                .init(addToCartRef: .init(variantID: "WS12-XS-Orange"), quantity: 1), session: session)
            cart = try await client.addLineItem(
                .init(addToCartRef: .init(variantID: "MH07-XS-Gray"), quantity: 1), session: cart.session)
            #expect(cart.value.lineItems.count == 2)
            let tee = try #require(cart.value.lineItems.first { $0.sku == "WS12-XS-Orange" })

            cart = try await client.updateLineItem(id: tee.lineItemID, quantity: 3, session: cart.session)
            #expect(cart.value.lineItems.first { $0.lineItemID == tee.lineItemID }?.quantity == 3)
            cart = try await client.updateLineItem(id: tee.lineItemID, quantity: 0, session: cart.session)
            #expect(!cart.value.lineItems.contains { $0.lineItemID == tee.lineItemID })

            cart = try await client.clearLineItems(session: cart.session)
            #expect(cart.value.lineItems.isEmpty && cart.value.shipments.isEmpty)
            #expect(cart.value.total?.minorUnits == 0)
        }
    }

    @Test("furniture ships separately; methods and fulfillment types change per shipment")
    func shipments() async throws {
        try await SimulatorHarness.run { sim in
            let client = sim.client(domain: SimulatorHarness.home)
            let session = try await client.createSession()
            var cart = try await client.addLineItem(
                .init(addToCartRef: .init(variantID: "FN100-Oat"), quantity: 1), session: session)
            cart = try await client.addLineItem(
                .init(addToCartRef: .init(variantID: "TX10-Natural"), quantity: 2), session: cart.session)
            cart = try await client.setShippingInfo(Shopper.address, session: cart.session)
            #expect(cart.value.shipments.count == 2)

            let parcel = try #require(cart.value.shipments.first { $0.shippingMethodOptions.count > 1 })
            let express = try #require(parcel.shippingMethodOptions.first { $0.id == "EXPRESS_2DAY" })
            cart = try await client.setShippingMethod(
                .init(shipmentID: parcel.shipmentID, shippingMethodID: express.id), session: cart.session)
            #expect(cart.value.shipments.first { $0.shipmentID == parcel.shipmentID }?.shippingMethod?.id == express.id)

            let furniture = try #require(cart.value.shipments.first { $0.shipmentID != parcel.shipmentID })
            cart = try await client.setFulfillmentType(
                .init(shipmentID: furniture.shipmentID, fulfillmentType: "SCHEDULED_DELIVERY"), session: cart.session)
            let scheduled = try #require(cart.value.shipments.first { $0.shipmentID == furniture.shipmentID })
            #expect(scheduled.fulfillmentType?.id == "SCHEDULED_DELIVERY")
            #expect(scheduled.shippingMethod?.id == "WHITE_GLOVE")
            ClientCheckoutTests.expectConsistentTotals(cart.value)
        }
    }

    @Test("addons: a required choice blocks the order until selected; item warranty and removal")
    func addons() async throws {
        try await SimulatorHarness.run { sim in
            let client = sim.client(domain: SimulatorHarness.home)
            let session = try await client.createSession()
            var cart = try await client.addLineItem(
                .init(addToCartRef: .init(variantID: "FN100-Oat"), quantity: 1), session: session)
            cart = try await client.setShippingInfo(Shopper.address, session: cart.session)
            let required = try #require(cart.value.addons.offers.first { $0.required == true })

            let blocked = await #expect(throws: FullCartError.self) {
                try await client.completeOrder(
                    .init(encryptedCard: try await Shopper.encryptedCard(for: client), billingInfo: Shopper.address),
                    session: cart.session)
            }
            #expect(blocked?.code == "ErrorMissingRequiredParameters")

            let sofa = try #require(cart.value.lineItems.first)
            cart = try await client.addAddon(
                .init(addonID: "extended_warranty", selectedLineItemIDs: [sofa.lineItemID]), session: cart.session)
            #expect(cart.value.addons.selections.contains { $0.addonID == "extended_warranty" })
            #expect((cart.value.addonTotal?.minorUnits ?? 0) > 0)
            cart = try await client.removeAddon(.init(addonID: "extended_warranty"), session: cart.session)
            #expect(!cart.value.addons.selections.contains { $0.addonID == "extended_warranty" })

            let choice = try #require(required.childOffers?.first)
            cart = try await client.addAddon(
                .init(addonID: required.addonID, selectedChildIDs: [choice.addonID]), session: cart.session)
            let order = try await client.completeOrder(
                .init(encryptedCard: try await Shopper.encryptedCard(for: client), billingInfo: Shopper.address),
                session: cart.session)
            #expect(order.value.status == .submitted)
        }
    }

    @Test("promo codes apply and clear; totals stay consistent")
    func promoCodes() async throws {
        try await SimulatorHarness.run { sim in
            let client = sim.client()
            let session = try await client.createSession()
            var cart = try await client.addLineItem(
                .init(addToCartRef: .init(variantID: "MH07-XS-Gray"), quantity: 2), session: session)
            cart = try await client.setShippingInfo(Shopper.address, session: cart.session)
            cart = try await client.applyPromoCodes(["SAVE10"], session: cart.session)
            #expect(cart.value.coupons == ["SAVE10"])
            #expect(cart.value.cartDiscount?.minorUnits == 1080)
            ClientCheckoutTests.expectConsistentTotals(cart.value)
            cart = try await client.clearPromoCodes(session: cart.session)
            #expect(cart.value.coupons.isEmpty)
            #expect((cart.value.cartDiscount?.minorUnits ?? 0) == 0)
        }
    }

    @Test("the payment key decodes as a JWK whose kid matches x-firmly-kid")
    func paymentKey() async throws {
        try await SimulatorHarness.run { sim in
            let key = try await sim.client().paymentKey()
            #expect(key.jwk.kty == "RSA")
            #expect(key.jwk.kid == key.kid)
            #expect(key.jwk.keySizeInBits >= 2048)
        }
    }

    static func expectConsistentTotals(_ cart: FullCartCart, sourceLocation: SourceLocation = #_sourceLocation) {
        let parts = [cart.subTotal, cart.shippingTotal, cart.taxTotal, cart.addonTotal].map { $0?.minorUnits ?? 0 }
        let expected = parts.reduce(0, +) - (cart.cartDiscount?.minorUnits ?? 0)
        #expect(cart.total?.minorUnits == expected, sourceLocation: sourceLocation)
    }
}
