@testable import MedusaV1
import Bridge
import Foundation
import FullCartAPI
import MedusaAPI
import Testing

@Suite("Catalog: Full Cart products → Medusa priced products")
struct ProductTranslationTests {
    static let domain = "luma.example"

    static func variant(
        _ sku: String, _ color: String, _ size: String, price: Int, msrp: Int? = nil, available: Bool = true
    )
        -> FullCartVariant
    {
        FullCartVariant(
            handle: "hero-hoodie-\(color.lowercased())-\(size.lowercased())", sku: sku, title: "Hero Hoodie",
            displayName: "Color: \(color), Size: \(size)",
            addToCartRef: FullCartAddToCartRef(fields: ["variant_id": .string(sku), "qty_step": .integer(1)]),
            price: Fixture.usd(price), msrp: msrp.map(Fixture.usd), available: available,
            variantOptionList: [color, size], option1: color, option2: size)
    }

    static let hoodie = FullCartProduct(
        baseSKU: "MH07", title: "Hero Hoodie", handle: "hero-hoodie", description: "Warm.", productType: "apparel",
        pdpURL: "https://luma.example/hero-hoodie", domain: domain,
        images: [
            FullCartImage(url: "https://img.example/hoodie-1.jpg"),
            FullCartImage(url: "https://img.example/hoodie-2.jpg"),
        ],
        variantOptionValues: [
            FullCartVariantOption(
                displayName: "Color", propertyAccessor: "option1", position: 1,
                optionValues: [FullCartOptionValue(displayName: "Gray", value: "Gray")]),
            FullCartVariantOption(
                displayName: "Size", propertyAccessor: "option2", position: 2,
                optionValues: [
                    FullCartOptionValue(displayName: "XS", value: "XS"),
                    FullCartOptionValue(displayName: "M", value: "M"),
                ]),
        ],
        variants: [
            variant("MH07-XS-Gray", "Gray", "XS", price: 5400, msrp: 6400),
            variant("MH07-M-Gray", "Gray", "M", price: 5400, available: false),
        ])

    static func product(region: Region? = Fixture.region, pinned: PinnedIDs = PinnedIDs()) -> PricedProduct {
        ProductTranslation.pricedProduct(hoodie, domain: domain, pinned: pinned, region: region, now: Fixture.now)
    }

    @Test func productColumnsComeFromTheMerchant() {
        let product = Self.product()
        #expect(product.id == StableID.product(domain: Self.domain, handle: "hero-hoodie").id)
        #expect(product.handle == "hero-hoodie")
        #expect(product.title == "Hero Hoodie")
        #expect(product.description == "Warm.")
        #expect(product.thumbnail == "https://img.example/hoodie-1.jpg")
        #expect(product.images.map(\.url) == ["https://img.example/hoodie-1.jpg", "https://img.example/hoodie-2.jpg"])
        #expect(product.profileID == StableID.merchantProfile(domain: Self.domain).id)
        #expect(product.metadata?["cartbridge"]?["domain"] == "luma.example")
        #expect(product.status == .published)
    }

    @Test func optionsAndValuesHaveStableIDs() {
        let product = Self.product()
        #expect(product.options.map(\.title) == ["Color", "Size"])
        let size = product.options[1]
        #expect(size.id == StableID.productOption(domain: Self.domain, handle: "hero-hoodie", option: "option2").id)
        #expect(size.values.map(\.value) == ["XS", "M"])
        #expect(size.values.map(\.variantID) == product.variants.map(\.id))
        #expect(product.variants[0].options.map(\.value) == ["Gray", "XS"])
        #expect(product.variants[0].options.map(\.optionID) == product.options.map(\.id))
        #expect(Self.product() == product)
    }

    @Test func variantsCarryPricesStockAndTheAddToCartRef() {
        let variants = Self.product().variants
        let xs = variants[0]
        #expect(xs.id == StableID.variant(domain: Self.domain, sku: "MH07-XS-Gray").id)
        #expect(xs.title == "Gray / XS")
        #expect(xs.sku == "MH07-XS-Gray")
        #expect(xs.prices.map(\.amount) == [5400])
        #expect(xs.prices.map(\.currencyCode) == ["usd"])
        #expect(xs.inventoryQuantity == ProductTranslation.nominalStock)
        #expect(xs.purchasable == true)
        #expect(xs.manageInventory && !xs.allowBackorder)
        #expect(variants[1].inventoryQuantity == 0)
        #expect(variants[1].purchasable == false)
        #expect(xs.metadata?["cartbridge"]?["add_to_cart_ref"] == ["variant_id": "MH07-XS-Gray", "qty_step": 1])
        #expect(xs.variantRank == 0 && variants[1].variantRank == 1)
    }

    @Test func withARegionPricesAreCalculatedTaxExclusive() {
        let xs = Self.product().variants[0]
        #expect(xs.pricing.calculatedPrice == 5400)
        #expect(xs.pricing.originalPrice == 6400)  // the merchant's msrp, so the sale shows
        #expect(xs.pricing.calculatedTax == 0)
        #expect(xs.pricing.calculatedPriceInclTax == 5400)
        #expect(xs.pricing.taxRates == [AppliedTaxRate(rate: 0, name: "default", code: "default")])
        #expect(Self.product().variants[1].pricing.originalPrice == 5400)
    }

    @Test func withoutARegionOrInAnotherCurrencyPricesAreNull() {
        var euro = Fixture.region
        euro.currencyCode = "eur"
        for product in [Self.product(region: nil), Self.product(region: euro)] {
            #expect(product.variants[0].pricing.calculatedPrice == nil)
            #expect(product.variants[0].pricing.originalPrice == nil)
            #expect(product.variants[0].prices.map(\.amount) == [5400])
        }
    }

    @Test func pinnedIDsReplaceDerivedOnes() throws {
        let pinned = try PinnedIDs(
            products: [.init(domain: Self.domain, handle: "hero-hoodie"): "prod_legacy"],
            variants: [.init(domain: Self.domain, sku: "MH07-XS-Gray"): "variant_legacy"])
        let product = Self.product(pinned: pinned)
        #expect(product.id == "prod_legacy")
        #expect(product.variants[0].id == "variant_legacy")
        #expect(product.variants[0].productID == "prod_legacy")
        #expect(product.options[1].values[0].variantID == "variant_legacy")
    }

    @Test func aSingleVariantComesWithItsProduct() {
        let variant = ProductTranslation.pricedVariant(
            Self.hoodie.variants[1], of: Self.hoodie, domain: Self.domain, pinned: PinnedIDs(), region: Fixture.region,
            now: Fixture.now)
        #expect(variant.id == Self.product().variants[1].id)
        #expect(variant.variantRank == 1)
        #expect(variant.product?.handle == "hero-hoodie")
        #expect(variant.product?.variants.isEmpty == true)
    }

    @Test func catalogInfoIndexesVariants() {
        let product = Self.product()
        let info = CatalogVariantInfo.entries(for: product)
        #expect(info.count == 2)
        #expect(info[product.variants[0].id]?.productHandle == "hero-hoodie")
        #expect(info[product.variants[0].id]?.variantTitle == "Gray / XS")
    }
}
