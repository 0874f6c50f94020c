import Foundation
import Testing

@testable import Bridge
@testable import MedusaV1

/// Product facts are translated once per product and catalog load; a newer load translates again.
@Suite struct CatalogInfoCacheTests {
    static func entry(generation: Int) -> CatalogService.Entry {
        CatalogService.Entry(domain: "apparel.example", product: ProductTranslationTests.hoodie, generation: generation)
    }

    @Test func aProductIsTranslatedOncePerCatalogLoad() {
        let cache = CatalogInfoCache()
        var translations = 0
        let translate = { () -> [String: CatalogVariantInfo] in
            translations += 1
            return ["variant_\(translations)": CatalogVariantInfo(
                productID: "prod", productTitle: "Hoodie", productHandle: "hoodie", thumbnail: nil,
                variantTitle: "S", inventoryQuantity: translations)]
        }
        let first = cache.entries(for: Self.entry(generation: 1), translate)
        #expect(cache.entries(for: Self.entry(generation: 1), translate) == first)
        #expect(translations == 1)
        let reloaded = cache.entries(for: Self.entry(generation: 2), translate)
        #expect(translations == 2)
        #expect(reloaded != first)
        // An entry from the older load (a request that began before it) is translated, not served the newer facts.
        _ = cache.entries(for: Self.entry(generation: 1), translate)
        #expect(translations == 3)
        #expect(cache.entries(for: Self.entry(generation: 2), translate) == reloaded)
    }
}
