import FullCartAPI
import Testing

@testable import FullCartSimulator

struct AddonRulesTests {
    static let home = TestCatalog.home
    static let sofa = PricedLine(id: "sofa", handle: "harbor-sofa", unitPrice: 89900, quantity: 1)
    static let lamps = PricedLine(id: "lamps", handle: "desk-lamp", unitPrice: 8900, quantity: 2)
    static let pillow = PricedLine(id: "pillow", handle: "linen-pillow", unitPrice: 3900, quantity: 1)

    static func offeredIDs(_ lines: [PricedLine]) -> [String] {
        AddonRules.offers(home.addons, lines: lines, money: home.money).map(\.addonID)
    }

    @Test(arguments: [
        ([PricedLine](), [String]()),
        ([pillow], ["shipping_protection"]),
        ([pillow, lamps], ["shipping_protection", "extended_warranty"]),
        ([sofa], ["shipping_protection", "extended_warranty", "assembly"]),
    ])
    func offersDependOnTheCart(lines: [PricedLine], expected: [String]) {
        #expect(Self.offeredIDs(lines) == expected)
    }

    @Test func itemOfferPricesEachEligibleLine() throws {
        let offers = AddonRules.offers(
            Self.home.addons, lines: [Self.sofa, Self.lamps, Self.pillow], money: Self.home.money)
        let warranty = try #require(offers.first { $0.addonID == "extended_warranty" })
        #expect(warranty.scope == "ITEM")
        #expect(warranty.coverageMode == "PER_ITEM")
        #expect(warranty.eligibleLineItemIDs == ["sofa", "lamps"])
        #expect(warranty.lineItemPricing?["sofa"]?.minorUnits == 19999)
        #expect(warranty.lineItemPricing?["lamps"]?.minorUnits == 2598)
        #expect(warranty.price?.minorUnits == 22597)
        #expect(warranty.required == false)
    }

    @Test func requiredChoiceOfferListsItsChoices() throws {
        let offers = AddonRules.offers(Self.home.addons, lines: [Self.sofa], money: Self.home.money)
        let assembly = try #require(offers.first { $0.addonID == "assembly" })
        #expect(assembly.required == true)
        #expect(assembly.childOffers?.map(\.addonID) == ["assembly_none", "assembly_only", "assembly_haul_away"])
        #expect(assembly.price?.minorUnits == 0)
    }

    @Test(arguments: [
        (AddonSelectionState(addonID: "shipping_protection"), 499),
        (AddonSelectionState(addonID: "assembly", choiceID: "assembly_haul_away"), 12900),
        (AddonSelectionState(addonID: "extended_warranty", lineItemIDs: ["lamps"]), 2598),
        (AddonSelectionState(addonID: "extended_warranty", lineItemIDs: ["sofa", "lamps"]), 22597),
    ])
    func selectionPrices(selection: AddonSelectionState, expected: Int) throws {
        let addon = try #require(Self.home.addon(id: selection.addonID))
        #expect(AddonRules.price(of: selection, addon: addon, lines: [Self.sofa, Self.lamps]) == expected)
    }

    @Test func selectionsFollowTheCart() {
        let selections = [
            AddonSelectionState(addonID: "shipping_protection"),
            AddonSelectionState(addonID: "assembly", choiceID: "assembly_only"),
            AddonSelectionState(addonID: "extended_warranty", lineItemIDs: ["sofa", "lamps"]),
        ]
        let withoutSofa = AddonRules.pruned(selections, addons: Self.home.addons, lines: [Self.lamps, Self.pillow])
        #expect(
            withoutSofa == [
                AddonSelectionState(addonID: "shipping_protection"),
                AddonSelectionState(addonID: "extended_warranty", lineItemIDs: ["lamps"]),
            ])
        #expect(AddonRules.pruned(selections, addons: Self.home.addons, lines: []).isEmpty)
    }
}
