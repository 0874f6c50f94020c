import Bridge
import FullCartAPI
import Testing

/// A cart-wide addon offered by two merchants (shipping protection), as a storefront with an addon UI edits it:
/// per merchant, never at a merchant the shopper did not mean.
@Suite struct AddonEditingTests {
    static func protection() -> FullCartAddonOffer {
        FullCartAddonOffer(
            addonID: "shipping_protection", display: FullCartAddonDisplay(name: "Shipping Protection"), scope: "CART",
            eligibleLineItemIDs: ["li_1"], price: Fixture.usd(499))
    }

    static func merchant(_ domain: String, selected: Bool) -> ScriptedMerchant {
        let cart = Fixture.merchantCart(
            id: "fc_\(domain)", name: domain, lines: [Fixture.line("li_1", sku: "SKU", title: "Item", unit: 2000)],
            shipments: [Fixture.shipment("ship_1", lines: ["li_1"], options: [Fixture.method("ground", 500)], selected: "ground")],
            offers: [protection()],
            selections: selected ? [FullCartAddonSelection(addonID: "shipping_protection", price: Fixture.usd(499))] : [],
            tax: 0)
        return ScriptedMerchant(domain: domain, cart: cart, key: CoreHarness.merchantKey)
    }

    @Test func deselectingACartWideAddonAsksOnlyTheMerchantsThatHaveIt() async throws {
        let home = Self.merchant("home.example", selected: true)
        let apparel = Self.merchant("apparel.example", selected: false)
        try await CoreHarness.run([home, apparel]) { core in
            let cartID = try await core.readyCart([home, apparel])
            _ = try await core.service.updateAddons(
                cartID: cartID,
                AddonChanges(select: [], deselect: [AddonChanges.Deselection(addonID: "shipping_protection", lineID: nil)]))
            #expect(home.count("removeAddon") == 1)
            #expect(apparel.count("removeAddon") == 0, "apparel never had it: asking would be refused")
            #expect(home.currentCart.addons.selections.isEmpty)
        }
    }

    @Test func linesPickTheMerchantOfACartWideAddonButAreNotSentAsCoverage() async throws {
        let home = Self.merchant("home.example", selected: false)
        let apparel = Self.merchant("apparel.example", selected: false)
        try await CoreHarness.run([home, apparel]) { core in
            let cartID = try await core.readyCart([home, apparel])
            let line = StableID.lineItem(domain: "home.example", lineItemID: "li_1").id
            _ = try await core.service.updateAddons(
                cartID: cartID,
                AddonChanges(select: [AddonChanges.Selection(addonID: "shipping_protection", lineIDs: [line])], deselect: []))
            #expect(home.addonSelections.map(\.addonID) == ["shipping_protection"])
            #expect(home.addonSelections.first?.selectedLineItemIDs == nil, "a CART addon covers the cart, not lines")
            #expect(apparel.count("addAddon") == 0)
        }
    }
}
