import FullCartAPI
import Testing

struct CartHTTPTests {
    static let apparel = "apparel.example"
    static let home = "home.example"

    @Test func aFreshDeviceHasAnEmptyActiveCart() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            let reply = try await sim.send(.GET, "/api/v2/domains/\(Self.apparel)/cart", token: session.token)
            #expect(reply.status == 200)
            let cart = try reply.decode(FullCartCart.self)
            #expect(cart.cartID.hasPrefix("cart_"))
            #expect(cart.status == .active)
            #expect(cart.lineItems.isEmpty && cart.shipments.isEmpty)
            #expect(cart.shopID == Self.apparel)
            #expect(cart.displayName == "Sim Apparel Co.")
            #expect(cart.platformID == "shopify")
            #expect(cart.schemaVersion == "2.0")
            #expect(cart.total?.minorUnits == 0)
            let raw = try reply.json()
            for key in ["sub_total", "shipping_total", "tax_total", "addon_total", "cart_discount", "total"] {
                let money = try #require(raw[key] as? [String: Any], "\(key)")
                #expect(Set(money.keys) == ["currency", "value", "number", "symbol"])
            }
            #expect(raw["notices"] as? [Any] != nil)

            let slash = try await sim.send(.GET, "/api/v2/domains/\(Self.apparel)/cart/", token: session.token)
            #expect(try slash.decode(FullCartCart.self).cartID == cart.cartID)
        }
    }

    @Test func addingLinesBuildsShipmentsAndTotals() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            var cart = try await sim.addLineOK(Self.apparel, sku: "WS12-XS-Orange", quantity: 2, session)
            let line = try #require(cart.lineItems.first)
            #expect(line.sku == "WS12-XS-Orange")
            #expect(line.variantID == "WS12-XS-Orange")
            #expect(line.baseSKU == "WS12")
            #expect(line.description == "Radiant Tee")
            #expect(line.variantDescription == "Size: XS, Color: Orange")
            #expect(line.platformLineItemID == "0")
            #expect(line.price.minorUnits == 2200)
            #expect(line.linePrice.minorUnits == 4400)
            #expect(line.image?.url.hasPrefix("https://") == true)
            let shipment = try #require(cart.shipments.first)
            #expect(cart.shipments.count == 1)
            #expect(shipment.lineItemIDs == [line.lineItemID])
            #expect(shipment.fulfillmentType?.id == "SHIP_TO_ADDRESS")
            #expect(shipment.shippingMethodOptions.map(\.id) == ["STANDARD_SHIPPING", "EXPRESS_2DAY", "OVERNIGHT"])
            #expect(shipment.shippingMethod?.id == "STANDARD_SHIPPING")
            #expect(cart.total?.minorUnits == 4400 + 599)
            expectConsistentTotals(cart)

            cart = try await sim.addLineOK(Self.apparel, sku: "WS12-XS-Orange", quantity: 1, session)
            #expect(cart.lineItems.count == 1)
            #expect(cart.lineItems.first?.quantity == 3)
            cart = try await sim.addLineOK(Self.apparel, sku: "MH07-L-Black", session)
            #expect(cart.lineItems.map(\.platformLineItemID) == ["0", "1"])
            #expect(cart.shipments.count == 1)
            expectConsistentTotals(cart)
        }
    }

    @Test func refusesBadAdds() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            let unknown = try await sim.addLine(Self.apparel, sku: "NOPE-1", session)
            #expect(unknown.status == 404)
            #expect(unknown.errorCode == "ErrorProductNotFound")
            let soldOut = try await sim.addLine(Self.apparel, sku: "AC05-Charcoal", session)
            #expect(soldOut.status == 400)
            #expect(soldOut.errorCode == "ErrorNotEnoughStock")
            let tooMany = try await sim.addLine(Self.apparel, sku: "JK40-M-Brown", quantity: 21, session)
            #expect(tooMany.status == 400)
            #expect(tooMany.errorCode == "ErrorNotEnoughStock")
            let zero = try await sim.addLine(Self.apparel, sku: "WS12-XS-Orange", quantity: 0, session)
            #expect(zero.status == 400)
            #expect(zero.errorCode == "ErrorInvalidInputBody")
            let missing = try await sim.post(Self.apparel, "line-items", json: #"{"quantity":1}"#, session)
            #expect(missing.status == 400)
            #expect(
                try missing.decode(FullCartErrorBody.self).description == "Missing required fields: add_to_cart_ref")
            let garbage = try await sim.post(Self.apparel, "line-items", json: "{not json", session)
            #expect(garbage.status == 400)
            #expect(garbage.errorCode == "ErrorInvalidInputBody")
            let unknownDomain = try await sim.addLine("nowhere.example", sku: "WS12-XS-Orange", session)
            #expect(unknownDomain.status == 404)
            #expect(unknownDomain.errorCode == "ErrorCartNotFound")
            #expect(try await sim.cart(Self.apparel, session).lineItems.isEmpty)
        }
    }

    @Test func updatingAndClearingLines() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            try await sim.addLineOK(Self.home, sku: "TX10-Sage", session)
            var cart = try await sim.addLineOK(Self.home, sku: "FN100-Oat", session)
            #expect(cart.shipments.count == 2)
            let pillow = try #require(cart.lineItems.first { $0.sku == "TX10-Sage" })
            let sofa = try #require(cart.lineItems.first { $0.sku == "FN100-Oat" })

            let update = try await sim.send(
                .PUT, "/api/v2/domains/\(Self.home)/cart/line-items/\(pillow.lineItemID)", json: #"{"quantity":3}"#,
                token: session.token)
            #expect(update.status == 200)
            cart = try update.decode(FullCartCart.self)
            #expect(cart.lineItems.first { $0.lineItemID == pillow.lineItemID }?.linePrice.minorUnits == 11700)
            expectConsistentTotals(cart)

            let remove = try await sim.send(
                .PUT, "/api/v2/domains/\(Self.home)/cart/line-items/\(sofa.lineItemID)", json: #"{"quantity":0}"#,
                token: session.token)
            cart = try remove.decode(FullCartCart.self)
            #expect(cart.lineItems.map(\.lineItemID) == [pillow.lineItemID])
            #expect(cart.shipments.count == 1)

            let missing = try await sim.send(
                .PUT, "/api/v2/domains/\(Self.home)/cart/line-items/item_nope", json: #"{"quantity":1}"#,
                token: session.token)
            #expect(missing.status == 404)
            #expect(missing.errorCode == "ErrorLineItemNotFound")
            let negative = try await sim.send(
                .PUT, "/api/v2/domains/\(Self.home)/cart/line-items/\(pillow.lineItemID)", json: #"{"quantity":-1}"#,
                token: session.token)
            #expect(negative.status == 400)

            try await sim.setShippingInfoOK(Self.home, session)
            let clear = try await sim.send(
                .DELETE, "/api/v2/domains/\(Self.home)/cart/line-items", token: session.token)
            #expect(clear.status == 200)
            let cleared = try clear.decode(FullCartCart.self)
            #expect(cleared.cartID == cart.cartID)
            #expect(cleared.lineItems.isEmpty && cleared.shipments.isEmpty && cleared.coupons.isEmpty)
            #expect(cleared.addons.offers.isEmpty && cleared.addons.selections.isEmpty)
            #expect(cleared.shippingInfo?.stateOrProvince == "CA")
            #expect(cleared.total?.minorUnits == 0)
        }
    }

    @Test func flushCartReplacesTheLines() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            try await sim.addLineOK(Self.apparel, sku: "WS12-XS-Orange", session)
            let reply = try await sim.send(
                .POST, "/api/v2/domains/\(Self.apparel)/cart/line-items?flush_cart=true",
                json: #"{"add_to_cart_ref":{"variant_id":"SH03-M-Navy"},"quantity":1}"#, token: session.token)
            #expect(try reply.decode(FullCartCart.self).lineItems.map(\.sku) == ["SH03-M-Navy"])
        }
    }

    @Test func furnitureShipsSeparatelyWithItsOwnMethods() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            try await sim.addLineOK(Self.home, sku: "TX10-Natural", session)
            var cart = try await sim.addLineOK(Self.home, sku: "FN100-Slate", session)
            let furniture = try #require(cart.shipments.last)
            #expect(furniture.fulfillmentTypeOptions.map(\.id) == ["SHIP_TO_ADDRESS", "SCHEDULED_DELIVERY"])
            #expect(furniture.shippingMethod?.id == "STANDARD_GROUND")
            #expect(furniture.shippingMethod?.price.minorUnits == 4999)
            #expect(cart.shippingTotal?.minorUnits == 599 + 4999)

            let scheduled = try await sim.post(
                Self.home, "shipments/fulfillment-type",
                json: #"{"shipment_id":"\#(furniture.shipmentID)","fulfillment_type":"SCHEDULED_DELIVERY"}"#, session)
            #expect(scheduled.status == 200)
            cart = try scheduled.decode(FullCartCart.self)
            let whiteGlove = try #require(cart.shipments.first { $0.shipmentID == furniture.shipmentID })
            #expect(whiteGlove.fulfillmentType?.id == "SCHEDULED_DELIVERY")
            #expect(whiteGlove.shippingMethod?.id == "WHITE_GLOVE")
            #expect(cart.shippingTotal?.minorUnits == 599 + 14999)
            expectConsistentTotals(cart)

            let badType = try await sim.post(
                Self.home, "shipments/fulfillment-type",
                json: #"{"shipment_id":"\#(furniture.shipmentID)","fulfillment_type":"DRONE"}"#, session)
            #expect(badType.status == 400)
            #expect(badType.errorCode == "ErrorInvalidFulfillmentType")
        }
    }

    @Test func choosingShippingMethods() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            let shipment = try #require(
                try await sim.addLineOK(Self.apparel, sku: "FT11-9-Slate", session).shipments.first)
            let express = try await sim.post(
                Self.apparel, "shipment/methods",
                json:
                    #"{"shipment_id":"\#(shipment.shipmentID)","shipping_method_id":"EXPRESS_2DAY","notes":"Leave at door"}"#,
                session)
            #expect(express.status == 200)
            var cart = try express.decode(FullCartCart.self)
            #expect(cart.shipments.first?.shippingMethod?.id == "EXPRESS_2DAY")
            #expect(cart.shipments.first?.notes == "Leave at door")
            #expect(cart.shippingTotal?.minorUnits == 1499)

            let alias = try await sim.post(
                Self.apparel, "shipments/shipping-method",
                json: #"{"shipment_id":"\#(shipment.shipmentID)","shipping_method_id":"OVERNIGHT"}"#, session)
            cart = try alias.decode(FullCartCart.self)
            #expect(cart.shipments.first?.shippingMethod?.id == "OVERNIGHT")

            // Overnight does not reach Alaska: the cheapest remaining method is re-selected.
            cart = try await sim.setShippingInfoOK(Self.apparel, state: "AK", session)
            #expect(cart.shipments.first?.shippingMethodOptions.map(\.id) == ["STANDARD_SHIPPING", "EXPRESS_2DAY"])
            #expect(cart.shipments.first?.shippingMethod?.id == "STANDARD_SHIPPING")

            let unknownShipment = try await sim.post(
                Self.apparel, "shipment/methods",
                json: #"{"shipment_id":"ship_nope","shipping_method_id":"EXPRESS_2DAY"}"#,
                session)
            #expect(unknownShipment.status == 404)
            #expect(unknownShipment.errorCode == "ErrorShipmentNotFound")
            let unknownMethod = try await sim.post(
                Self.apparel, "shipment/methods",
                json: #"{"shipment_id":"\#(shipment.shipmentID)","shipping_method_id":"TELEPORT"}"#, session)
            #expect(unknownMethod.status == 400)
            #expect(unknownMethod.errorCode == "ErrorInvalidShippingMethod")
        }
    }

    @Test func shippingInfoIsValidatedAndTaxed() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            try await sim.addLineOK(Self.apparel, sku: "JK21-M-Red", session)
            let cart = try await sim.setShippingInfoOK(Self.apparel, state: "CA", session)
            #expect(cart.shippingInfo?.country == "US")
            #expect(cart.shippingInfo?.stateName == "California")
            #expect(cart.taxTotal?.minorUnits == 935)  // 129.00 × 7.25 % = 9.3525
            expectConsistentTotals(cart)
            let oregon = try await sim.setShippingInfoOK(Self.apparel, state: "OR", session)
            #expect(oregon.taxTotal?.minorUnits == 0)

            let unitedStates = try await sim.send(
                .PUT, "/api/v2/domains/\(Self.apparel)/cart/shipping-info",
                json: SimulatorHarness.addressJSON(state: "New York", country: "United States"), token: session.token)
            #expect(try unitedStates.decode(FullCartCart.self).shippingInfo?.stateOrProvince == "NY")

            let missing = try await sim.post(
                Self.apparel, "shipping-info", json: #"{"first_name":"Ada","country":"US"}"#, session)
            #expect(missing.status == 400)
            #expect(
                try missing.decode(FullCartErrorBody.self).description
                    == "Missing required fields: last_name, email, phone, address1, city, state_or_province, postal_code"
            )
            let country = try await sim.post(
                Self.apparel, "shipping-info", json: SimulatorHarness.addressJSON(country: "XX"), session)
            #expect(country.status == 400)
            #expect(
                try country.decode(FullCartErrorBody.self).description
                    == "Country 'XX' is not supported by this merchant")
            let state = try await sim.post(
                Self.apparel, "shipping-info", json: SimulatorHarness.addressJSON(state: "ZZ"), session)
            #expect(state.status == 400)
            #expect(state.errorCode == "ErrorInvalidInputBody")
        }
    }

    @Test func itemsThatCannotShipBlockTheCart() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            let vest = try #require(try await sim.addLineOK(Self.apparel, sku: "JK50-M", session).lineItems.first)
            let cart = try await sim.setShippingInfoOK(Self.apparel, state: "AK", session)
            #expect(cart.status == .itemNotShippable)
            #expect(
                cart.notices == [
                    FullCartNotice(
                        code: "ITEM_NOT_SHIPPABLE", message: "Heated Vest cannot ship to Alaska",
                        lineItemID: vest.lineItemID)
                ])
            let fixed = try await sim.setShippingInfoOK(Self.apparel, state: "WA", session)
            #expect(fixed.status == .active)
            #expect(fixed.notices.isEmpty)
        }
    }

    @Test func scheduledDeliveryIsUnavailableInHawaii() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            let shipment = try #require(try await sim.addLineOK(Self.home, sku: "FN100-Oat", session).shipments.first)
            _ = try await sim.post(
                Self.home, "shipments/fulfillment-type",
                json: #"{"shipment_id":"\#(shipment.shipmentID)","fulfillment_type":"SCHEDULED_DELIVERY"}"#, session)
            let cart = try await sim.setShippingInfoOK(Self.home, state: "HI", session)
            #expect(cart.shipments.first?.shippingMethod == nil)
            #expect(cart.shipments.first?.shippingMethodOptions.isEmpty == true)
            #expect(cart.status == .checkoutBlocked)
            #expect(cart.notices.map(\.code) == ["SHIPPING_NOT_AVAILABLE"])
            expectConsistentTotals(cart)
        }
    }

    @Test func addonsAreOfferedSelectedAndRemoved() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            try await sim.addLineOK(Self.home, sku: "TX10-Natural", session)
            let cart = try await sim.addLineOK(Self.home, sku: "LT10-Brass", quantity: 2, session)
            #expect(cart.addons.offers.map(\.addonID) == ["shipping_protection", "extended_warranty"])
            let lamp = try #require(cart.lineItems.first { $0.sku == "LT10-Brass" })
            let pillow = try #require(cart.lineItems.first { $0.sku == "TX10-Natural" })
            let warrantyOffer = try #require(cart.addons.offers.last)
            #expect(warrantyOffer.eligibleLineItemIDs == [lamp.lineItemID])
            #expect(warrantyOffer.lineItemPricing?[lamp.lineItemID]?.minorUnits == 2598)

            let protection = try await sim.post(
                Self.home, "addons", json: #"{"selections":[{"addon_id":"shipping_protection"}]}"#, session)
            #expect(protection.status == 200)
            #expect(try protection.decode(FullCartCart.self).addonTotal?.minorUnits == 499)

            let warranty = try await sim.post(
                Self.home, "addons",
                json:
                    #"{"selections":[{"addon_id":"extended_warranty","selected_line_item_ids":["\#(lamp.lineItemID)"]}]}"#,
                session)
            let withWarranty = try warranty.decode(FullCartCart.self)
            #expect(withWarranty.addonTotal?.minorUnits == 499 + 2598)
            #expect(
                withWarranty.addons.selections.last
                    == FullCartAddonSelection(
                        addonID: "extended_warranty", selectedLineItemIDs: [lamp.lineItemID],
                        price: FullCartMoney(currency: "USD", minorUnits: 2598)))
            expectConsistentTotals(withWarranty)

            let ineligible = try await sim.post(
                Self.home, "addons",
                json:
                    #"{"selections":[{"addon_id":"extended_warranty","selected_line_item_ids":["\#(pillow.lineItemID)"]}]}"#,
                session)
            #expect(ineligible.status == 400)
            #expect(ineligible.errorCode == "ErrorInvalidInputBody")
            let unknown = try await sim.post(
                Self.home, "addons", json: #"{"selections":[{"addon_id":"gift_wrap"}]}"#, session)
            #expect(unknown.status == 404)
            #expect(unknown.errorCode == "ErrorAddonNotFound")
            let notOffered = try await sim.post(
                Self.home, "addons", json: #"{"selections":[{"addon_id":"assembly"}]}"#, session)
            #expect(notOffered.status == 404)
            let two = try await sim.post(
                Self.home, "addons", json: #"{"selections":[{"addon_id":"a"},{"addon_id":"b"}]}"#, session)
            #expect(two.status == 400)

            let removed = try await sim.post(
                Self.home, "addons/_remove", json: #"{"addon_id":"extended_warranty"}"#, session)
            #expect(try removed.decode(FullCartCart.self).addonTotal?.minorUnits == 499)
            let again = try await sim.post(
                Self.home, "addons/_remove", json: #"{"addon_id":"extended_warranty"}"#, session)
            #expect(again.status == 422)
            #expect(again.errorCode == "ErrorAddonNotSelected")
        }
    }

    @Test func theSofaNeedsAnAssemblyChoice() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            let cart = try await sim.addLineOK(Self.home, sku: "FN100-Oat", session)
            let offer = try #require(cart.addons.offers.first { $0.addonID == "assembly" })
            #expect(offer.required == true)
            #expect(offer.childOffers?.map(\.addonID) == ["assembly_none", "assembly_only", "assembly_haul_away"])

            let noChoice = try await sim.post(
                Self.home, "addons", json: #"{"selections":[{"addon_id":"assembly"}]}"#, session)
            #expect(noChoice.status == 400)
            let chosen = try await sim.post(
                Self.home, "addons",
                json: #"{"selections":[{"addon_id":"assembly","selected_child_ids":["assembly_haul_away"]}]}"#, session)
            let withChoice = try chosen.decode(FullCartCart.self)
            #expect(withChoice.addons.selections.first?.selectedChildIDs == ["assembly_haul_away"])
            #expect(withChoice.addonTotal?.minorUnits == 12900)

            // Removing the sofa withdraws the offer and its selection.
            let sofa = try #require(withChoice.lineItems.first)
            let removed = try await sim.send(
                .PUT, "/api/v2/domains/\(Self.home)/cart/line-items/\(sofa.lineItemID)", json: #"{"quantity":0}"#,
                token: session.token)
            let empty = try removed.decode(FullCartCart.self)
            #expect(empty.addons.offers.isEmpty && empty.addons.selections.isEmpty)
        }
    }

    @Test func promoCodes() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            try await sim.addLineOK(Self.apparel, sku: "JK40-M-Black", session)
            try await sim.setShippingInfoOK(Self.apparel, state: "TX", session)

            let save = try await sim.post(Self.apparel, "promo-codes", json: #"{"promo_codes":["save10"]}"#, session)
            #expect(save.status == 200)
            var cart = try save.decode(FullCartCart.self)
            #expect(cart.coupons == ["SAVE10"])
            #expect(cart.cartDiscount?.minorUnits == 2490)
            expectConsistentTotals(cart)

            let freeShip = try await sim.send(
                .PUT, "/api/v2/domains/\(Self.apparel)/cart/promo-codes", json: #"{"promo_codes":["FREESHIP"]}"#,
                token: session.token)
            cart = try freeShip.decode(FullCartCart.self)
            #expect(cart.coupons == ["SAVE10", "FREESHIP"])
            #expect(cart.cartDiscount?.minorUnits == 2490 + 599)
            expectConsistentTotals(cart)

            let expired = try await sim.post(
                Self.apparel, "promo-codes", json: #"{"promo_codes":["SUMMER2020"]}"#, session)
            #expect(expired.status == 422)
            #expect(expired.errorCode == "ErrorInvalidPromoCode")
            let unknown = try await sim.post(Self.apparel, "promo-codes", json: #"{"promo_codes":["BOGUS"]}"#, session)
            #expect(unknown.errorCode == "ErrorInvalidPromoCode")
            let none = try await sim.post(Self.apparel, "promo-codes", json: #"{"promo_codes":[]}"#, session)
            #expect(none.status == 400)

            let take = try await sim.post(Self.apparel, "promo-codes", json: #"{"promo_codes":["TAKE20"]}"#, session)
            #expect(take.status == 200)
            // Dropping below TAKE20's minimum keeps the coupon but blocks checkout.
            _ = try await sim.send(
                .DELETE, "/api/v2/domains/\(Self.apparel)/cart/line-items", token: session.token)
            try await sim.addLineOK(Self.apparel, sku: "WS12-L-Blue", session)
            let smallCart = try await sim.post(
                Self.apparel, "promo-codes", json: #"{"promo_codes":["TAKE20"]}"#, session)
            #expect(smallCart.status == 422)
            #expect(smallCart.errorCode == "ErrorPromoNotAvailable")

            try await sim.addLineOK(Self.apparel, sku: "JK21-S-Black", quantity: 2, session)
            let big = try await sim.post(Self.apparel, "promo-codes", json: #"{"promo_codes":["TAKE20"]}"#, session)
            let jacket = try #require(try big.decode(FullCartCart.self).lineItems.last)
            let shrunk = try await sim.send(
                .PUT, "/api/v2/domains/\(Self.apparel)/cart/line-items/\(jacket.lineItemID)", json: #"{"quantity":0}"#,
                token: session.token)
            cart = try shrunk.decode(FullCartCart.self)
            #expect(cart.coupons == ["TAKE20"])
            #expect(cart.status == .checkoutBlocked)
            #expect(cart.notices.map(\.code) == ["PROMO_NOT_APPLICABLE"])
            #expect(cart.cartDiscount?.minorUnits == 0)

            let cleared = try await sim.send(
                .DELETE, "/api/v2/domains/\(Self.apparel)/cart/promo-codes", token: session.token)
            cart = try cleared.decode(FullCartCart.self)
            #expect(cart.coupons.isEmpty)
            #expect(cart.status == .active)
        }
    }

    @Test func unknownRoutesAnswerRouteNotFound() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            let reply = try await sim.send(.GET, "/api/v2/domains/apparel.example/wishlist", token: session.token)
            #expect(reply.status == 404)
            let body = try reply.decode(FullCartErrorBody.self)
            #expect(body.error == "RouteNotFound")
            #expect(body.code == 404)
            let cartNotFound = try await sim.send(.GET, "/api/v2/domains/nowhere.example/cart", token: session.token)
            #expect(cartNotFound.status == 404)
            #expect(cartNotFound.errorCode == "ErrorCartNotFound")
        }
    }
}
