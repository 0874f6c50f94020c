@testable import MedusaV1
import Bridge
import Foundation
import FullCartAPI
import MedusaAPI
import Testing

@Suite("Shipping options")
struct ShippingOptionTranslationTests {
    static func options() -> [PricedShippingOption] {
        ShippingOptionTranslation.options(
            for: Fixture.bridgeCart([
                (TwoMerchants.lumaDomain, TwoMerchants.luma), (TwoMerchants.gardenDomain, TwoMerchants.garden),
            ]),
            region: Fixture.region)
    }

    @Test func oneOptionPerShipmentAndMethod() {
        let options = Self.options()
        #expect(options.map(\.amount) == [499, 1599, 2500, 300, 900])
        #expect(Set(options.map(\.profileID)).count == 3)
        #expect(
            options.map(\.name) == [
                "Standard (3-5 business days)", "Express (1-2 business days)", "Freight",
                "Mail (3-5 business days)", "Priority (3-5 business days)",
            ])
    }

    @Test func anOptionIsAFlatRateOfTheRegion() throws {
        let option = try #require(Self.options().first)
        #expect(
            option.id
                == StableID.shippingOption(domain: "luma.example", shipmentID: "ship-luma", methodID: "STANDARD").id)
        #expect(option.profileID == StableID.shippingProfile(domain: "luma.example", shipmentID: "ship-luma").id)
        #expect(option.priceType == .flatRate)
        #expect(option.providerID == "cartbridge")
        #expect(option.regionID == "reg_us")
        #expect(option.requirements.isEmpty)
        #expect(option.pricing == ShippingOptionPricing(priceInclTax: 499, taxRates: [], taxAmount: 0))
        #expect(
            option.data == [
                "domain": "luma.example", "shipment_id": "ship-luma", "method_id": "STANDARD",
                "fulfillment_type": "SHIP_TO_ADDRESS",
            ])
        #expect(option.metadata?["cartbridge"]?["merchant_name"] == "Luma Store")
        #expect(option.metadata?["cartbridge"]?["line_item_ids"]?.arrayValue?.count == 2)
    }

    @Test func optionIDsParseBack() throws {
        for option in Self.options() {
            let parsed = try #require(ShippingOptionTranslation.parse(optionID: option.id))
            #expect(option.data["domain"] == .string(parsed.domain))
            #expect(option.data["shipment_id"] == .string(parsed.shipmentID))
            #expect(option.data["method_id"] == .string(parsed.methodID))
        }
        #expect(ShippingOptionTranslation.parse(optionID: "so_01HF8Y2V6J3T8W0Q9K2N4M5P6R") == nil)
        #expect(
            ShippingOptionTranslation.parse(optionID: StableID.shippingProfile(domain: "a", shipmentID: "b").id) == nil)
    }

    @Test func aRegionWithoutFulfillmentProvidersGetsTheDefault() {
        var region = Fixture.region
        region.fulfillmentProviders = [FulfillmentProvider(id: "manual")]
        let options = ShippingOptionTranslation.options(
            for: Fixture.bridgeCart([(TwoMerchants.gardenDomain, TwoMerchants.garden)]), region: region)
        #expect(options.allSatisfy { $0.providerID == "manual" })
        region.fulfillmentProviders = []
        #expect(
            ShippingOptionTranslation.options(
                for: Fixture.bridgeCart([(TwoMerchants.gardenDomain, TwoMerchants.garden)]), region: region
            ).allSatisfy { $0.providerID == ShippingOptionTranslation.defaultProviderID })
    }

    @Test func emptyMerchantsOfferNothing() {
        let empty = Fixture.merchantCart(id: "cart-empty", name: "Empty", lines: [], shipments: [], tax: 0)
        #expect(
            ShippingOptionTranslation.options(
                for: Fixture.bridgeCart([("empty.example", empty)]), region: Fixture.region
            ).isEmpty)
    }
}
