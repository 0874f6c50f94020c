import Foundation
import MedusaAPI
import Testing

@Suite("Region, product, variant and shipping option responses")
struct CatalogEncodingTests {
    @Test func regionsListCarriesPagingAndIntegerCountryIDs() throws {
        let json = try Wire.encode(
            StoreRegionsListRes(regions: [Fixtures.region]), for: Exchange(path: "/store/regions", route: "/store/regions"))
        #expect(json["count"] == 1)
        #expect(json["offset"] == 0)
        #expect(json["limit"] == 100)

        let region = try #require(json["regions"]?[0])
        #expect(region["currency_code"] == "usd")
        #expect(region["tax_rate"] == 8.25)
        #expect(region["countries"]?[0]?["id"] == 236)
        #expect(region["countries"]?[0]?["num_code"] == 840)
        #expect(region["countries"]?[0]?["iso_2"] == "us")
        #expect(region["payment_providers"]?[0] == ["id": "cartbridge-card", "is_installed": true])
        #expect(region["fulfillment_providers"]?[0]?["id"] == "cartbridge")
        #expect(region["tax_code"] == .null)
        #expect(!region.hasKey("includes_tax"))
    }

    @Test func regionRoundTrips() throws {
        let json = try Wire.encode(
            StoreRegionsRes(region: Fixtures.region),
            for: Exchange(path: "/store/regions/\(Fixtures.regionID)", route: "/store/regions/{id}"))
        #expect(json["region"]?["id"] == .string(Fixtures.regionID))
        let data = try MedusaJSON.encode(StoreRegionsRes(region: Fixtures.region))
        #expect(try MedusaJSON.decode(StoreRegionsRes.self, from: data).region == Fixtures.region)
    }

    @Test func pricedProductsFlattenVariantPrices() throws {
        let json = try Wire.encode(
            StoreProductsListRes(products: [Fixtures.pricedProduct], count: 7, offset: 0, limit: 1),
            for: Exchange(path: "/store/products?limit=1&region_id=\(Fixtures.regionID)", route: "/store/products"))
        #expect(json["count"] == 7)

        let product = try #require(json["products"]?[0])
        #expect(product["handle"] == "trail-runner")
        #expect(product["status"] == "published")
        #expect(product["collection"] == .null)
        #expect(product["type"] == .null)
        #expect(product["options"]?[0]?["values"]?.arrayValue?.count == 2)
        #expect(product["tags"]?[0]?["value"] == "running")

        let variant = try #require(product["variants"]?[1])
        #expect(variant["calculated_price"] == 12_500)
        #expect(variant["calculated_price_incl_tax"] == .integer(12_500 + 1_031))
        #expect(variant["prices"]?[0]?["amount"] == 12_500)
        #expect(variant["tax_rates"]?[0]?["rate"] == 8.25)
        #expect(variant["purchasable"] == true)
        #expect(variant["inventory_quantity"] == 12)
        #expect(!variant.hasKey("product"))
    }

    @Test func productRoundTrips() throws {
        let exchange = Exchange(path: "/store/products/\(Fixtures.productID)", route: "/store/products/{id}")
        #expect(try Wire.encode(StoreProductsRes(product: Fixtures.pricedProduct), for: exchange)["product"] != nil)
        let data = try MedusaJSON.encode(StoreProductsRes(product: Fixtures.pricedProduct))
        #expect(try MedusaJSON.decode(StoreProductsRes.self, from: data).product == Fixtures.pricedProduct)
        // Express does not escape slashes; storefronts compare URLs as text.
        #expect(String(decoding: data, as: UTF8.self).contains(#""thumbnail":"https://cdn.example.com/"#))
    }

    @Test func variantsRoutesSendPricedVariants() throws {
        let variants = [Fixtures.pricedVariant(size: "9", price: 12_000)]
        let list = try Wire.encode(
            StoreVariantsListRes(variants: variants),
            for: Exchange(path: "/store/variants?ids=variant_9", route: "/store/variants"))
        let single = try Wire.encode(
            StoreVariantsRes(variant: variants[0]), for: Exchange(path: "/store/variants/variant_9", route: "/store/variants/{id}"))
        #expect(list["variants"]?[0] == single["variant"])
        #expect(single["variant"]?["original_price"] == 12_000)
        #expect(single["variant"]?["sku"] == "TR-9")
    }

    @Test func variantWithoutPriceContextLeavesPricesOut() throws {
        let variant = PricedVariant(
            Fixtures.variant(size: "9", price: 12_000), pricing: VariantPricing(originalPrice: nil, calculatedPrice: nil))
        let json = try JSONDecoder().decode(JSONValue.self, from: MedusaJSON.encode(variant))
        #expect(!json.hasKey("calculated_price"))
        #expect(!json.hasKey("original_tax"))
        #expect(json["tax_rates"] == [])
    }

    @Test func cartShippingOptionsCarryTaxInclusivePrices() throws {
        let json = try Wire.encode(
            StoreCartShippingOptionsListRes(shippingOptions: Fixtures.pricedShippingOptions),
            for: Exchange(path: "/store/shipping-options/\(Fixtures.cartID)", route: "/store/shipping-options/{cart_id}"))
        let standard = try #require(json["shipping_options"]?[0])
        #expect(standard["price_type"] == "flat_rate")
        #expect(standard["amount"] == 800)
        #expect(standard["price_incl_tax"] == 800)
        #expect(standard["tax_amount"] == 0)
        #expect(standard["requirements"]?[0]?["type"] == "max_subtotal")
        #expect(standard["profile_id"] == .string(Fixtures.profileID))
        #expect(standard["tax_rates"]?[0]?.hasKey("code") == false)
        #expect(json["shipping_options"]?[1]?["price_type"] == "calculated")
    }

    @Test func pricedShippingOptionRoundTrips() throws {
        let response = StoreCartShippingOptionsListRes(shippingOptions: Fixtures.pricedShippingOptions)
        let data = try MedusaJSON.encode(response)
        #expect(try MedusaJSON.decode(StoreCartShippingOptionsListRes.self, from: data) == response)
    }
}
