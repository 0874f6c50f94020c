import Bridge
import Foundation
import FullCartAPI
import Testing

/// What lets a stock Medusa storefront (one radio group for shipping, no addon UI, a billing form) complete:
/// shipments it chose nothing for take the merchant's method, required addons take their free choice, and a
/// billing address the merchant would refuse is named before any merchant call.
@Suite struct StockCheckoutTests {
    static let home = "home.example"
    static let apparel = "apparel.example"

    /// A merchant cart with two shipments (a parcel and a sofa by freight), each with a method the merchant
    /// selected, and optionally a required addon.
    static func twoShipmentCart(addon: FullCartAddonOffer? = nil) -> FullCartCart {
        Fixture.merchantCart(
            id: "fc_home", name: home,
            lines: [
                Fixture.line("li_lamp", sku: "LAMP", title: "Lamp", unit: 4000),
                Fixture.line("li_sofa", sku: "SOFA", title: "Sofa", unit: 90000),
            ],
            shipments: [
                Fixture.shipment("ship_parcel", lines: ["li_lamp"], options: [Fixture.method("ground", 500)], selected: "ground"),
                Fixture.shipment(
                    "ship_freight", lines: ["li_sofa"],
                    options: [Fixture.method("curbside", 4900), Fixture.method("white_glove", 14900)], selected: "curbside"),
            ],
            offers: addon.map { [$0] } ?? [], tax: 0)
    }

    static func assembly(freeChoice: Bool) -> FullCartAddonOffer {
        FullCartAddonOffer(
            addonID: "assembly", display: FullCartAddonDisplay(name: "Assembly"), scope: "CART", required: true,
            childOffers: (freeChoice
                ? [FullCartAddonOffer(addonID: "assembly_none", display: .init(name: "No assembly"), scope: "CART", price: Fixture.usd(0))]
                : [])
                + [FullCartAddonOffer(addonID: "assembly_full", display: .init(name: "Full assembly"), scope: "CART", price: Fixture.usd(7900))])
    }

    static func merchant(_ cart: FullCartCart) -> ScriptedMerchant {
        ScriptedMerchant(domain: home, cart: cart, key: CoreHarness.merchantKey)
    }

    /// The Next.js starter's shipping step: one method chosen, for the first shipment only.
    static func chooseFirstShipmentOnly(_ cart: inout BridgeCart) {
        Fixture.choose(&cart, domain: home, shipment: "ship_parcel", method: "ground")
    }

    static func placed(_ outcome: CompletionOutcome) -> PlacedOrder? {
        if case .placed(let order) = outcome { return order }
        return nil
    }

    @Test func aShipmentWithoutAChoiceShipsWithTheMerchantsMethod() async throws {
        let merchant = Self.merchant(Self.twoShipmentCart())
        try await CoreHarness.run([merchant]) { core in
            let cartID = try await core.readyCart([merchant], prepare: Self.chooseFirstShipmentOnly)
            let plan = try await core.service.cart(id: cartID).cart.shippingPlan
            #expect(plan.map(\.shippingMethodID) == ["ground", "curbside"])
            let order = try #require(Self.placed(try await core.service.complete(cartID: cartID)))
            #expect(order.cart.merchants.first?.placedOrder != nil)
            // The merchant's selection stood: no shipping call was made for the freight shipment.
            #expect(merchant.count("setShippingMethod") == 0)
            #expect(merchant.count("completeOrder") == 1)
        }
    }

    @Test func withoutAnyChoiceTheStorefrontIsToldToChoose() async throws {
        let merchant = Self.merchant(Self.twoShipmentCart())
        try await CoreHarness.run([merchant]) { core in
            let cartID = try await core.readyCart([merchant], prepare: { _ in })
            #expect(try await core.service.cart(id: cartID).cart.shippingPlan.isEmpty)
            let error = await #expect(throws: CheckoutError.self) { try await core.service.complete(cartID: cartID) }
            #expect(error?.message.contains("Choose a shipping method for every shipment") == true)
            #expect(merchant.count("completeOrder") == 0)
        }
    }

    @Test func aRequiredAddonTakesItsFreeChoice() async throws {
        let merchant = Self.merchant(Self.twoShipmentCart(addon: Self.assembly(freeChoice: true)))
        try await CoreHarness.run([merchant]) { core in
            let cartID = try await core.readyCart([merchant])
            _ = try #require(Self.placed(try await core.service.complete(cartID: cartID)))
            #expect(merchant.currentCart.addons.selections.map(\.addonID) == ["assembly"])
            #expect(merchant.currentCart.addons.selections.first?.selectedChildIDs == ["assembly_none"])
            #expect(merchant.callNames.firstIndex(of: "addAddon")! < merchant.callNames.firstIndex(of: "completeOrder")!)
        }
    }

    @Test func aRequiredAddonWithoutAFreeChoiceIsNamedBeforeAnyOrder() async throws {
        let merchant = Self.merchant(Self.twoShipmentCart(addon: Self.assembly(freeChoice: false)))
        try await CoreHarness.run([merchant]) { core in
            let cartID = try await core.readyCart([merchant])
            let error = await #expect(throws: CheckoutError.self) { try await core.service.complete(cartID: cartID) }
            #expect(
                error?.message
                    == "Assembly (assembly) must be chosen before checkout at home.example: one of Full assembly "
                    + "(assembly_full). Select it with POST /store/carts/{id}/addons.")
            #expect(merchant.count("addAddon") == 0)
            #expect(merchant.count("completeOrder") == 0)
        }
    }

    @Test func aBillingAddressTheMerchantWouldRefuseIsNamedBeforeAnyMerchantCall() async throws {
        let merchant = Self.merchant(Self.twoShipmentCart())
        try await CoreHarness.run([merchant]) { core in
            let cartID = try await core.readyCart([merchant]) { cart in
                Fixture.chooseMerchantMethods(&cart)
                cart.billingAddress?.phone = nil
                cart.billingAddress?.province = ""
            }
            let callsBefore = merchant.callNames.count
            let error = await #expect(throws: CheckoutError.self) { try await core.service.complete(cartID: cartID) }
            #expect(error?.message.contains("billing_address.province") == true)
            #expect(error?.message.contains("billing_address.phone") == true)
            #expect(merchant.callNames.dropFirst(callsBefore).allSatisfy { $0 != "completeOrder" })
        }
    }

    @Test func theCaptchaTokenSetWithTheCardGoesWithCompleteOrder() async throws {
        let merchant = Self.merchant(Self.twoShipmentCart())
        try await CoreHarness.run([merchant]) { core in
            let cartID = try await core.readyCart([merchant]) { cart in
                Fixture.chooseMerchantMethods(&cart)
                cart.payment = PaymentState(sessionID: "ps_1", providerID: CoreHarness.providerID, isSelected: true, now: Fixture.now)
            }
            let jwe = try CoreHarness.encryptedCard("4111111111111111")
            _ = try await core.service.setCard(
                cartID: cartID, providerID: CoreHarness.providerID, encryptedCard: jwe, captchaToken: "captcha-123")
            _ = try #require(Self.placed(try await core.service.complete(cartID: cartID)))
            #expect(merchant.receivedCompleteOrders.map(\.captchaToken) == ["captcha-123"])
            // Single use: not kept in the order.
            #expect(try await core.service.cart(id: cartID).cart.payment?.captchaToken == nil)
        }
    }
}
