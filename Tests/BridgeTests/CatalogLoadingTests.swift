import Foundation
import FullCartAPI
import Testing

@testable import Bridge

/// How `CatalogService` reads the merchants' catalogs: every page, a failing merchant keeps its last catalog,
/// and with a background refresher an aged catalog answers at once.
@Suite struct CatalogLoadingTests {
    static func products(_ count: Int, prefix: String = "p") -> [FullCartProduct] {
        (0..<count).map { index in
            FullCartProduct(
                title: "Product \(index)", handle: "\(prefix)-\(index)", productType: index.isMultiple(of: 2) ? "Even" : "Odd",
                variants: [
                    FullCartVariant(
                        sku: "\(prefix)-sku-\(index)", addToCartRef: .init(variantID: "\(index)"),
                        price: FullCartMoney(currency: "USD", minorUnits: 1000 + index), available: true)
                ])
        }
    }

    static func merchant(_ domain: String, catalog: [FullCartProduct]) -> ScriptedMerchant {
        let merchant = ScriptedMerchant(domain: domain, cart: CoreHarness.merchantCart(domain), key: CoreHarness.merchantKey)
        merchant.setCatalog(catalog)
        return merchant
    }

    @Test func everyPageOfAMerchantsListIsRead() async throws {
        let merchant = Self.merchant("big.example", catalog: Self.products(250))
        let catalog = CatalogService(
            merchants: MerchantDirectory([merchant]), ttl: .seconds(300), pageSize: 100, logger: CoreHarness.logger)
        let snapshot = try await catalog.current()
        #expect(snapshot.entries.count == 250)
        #expect(snapshot.entries.last?.product.handle == "p-249")
        // Pages 1, 2 and the short page 3; then one detail call per product.
        #expect(merchant.count("products") == 3)
        #expect(merchant.count("product") == 250)
        #expect(snapshot.navigation.productTypes == ["Even", "Odd"])
        #expect(try await catalog.cachedVariant(domain: "big.example", sku: "p-sku-249")?.1.sku == "p-sku-249")
    }

    @Test func aMerchantThatFailsKeepsItsLastCatalogAndTheOthersRefresh() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        let failing = Self.merchant("a.example", catalog: Self.products(3, prefix: "a"))
        let healthy = Self.merchant("b.example", catalog: Self.products(2, prefix: "b"))
        let catalog = CatalogService(
            merchants: MerchantDirectory([failing, healthy]), ttl: .seconds(60), logger: CoreHarness.logger,
            now: { clock.now })
        let first = try await catalog.current()
        #expect(first.entries.map(\.product.handle) == ["a-0", "a-1", "a-2", "b-0", "b-1"])

        failing.setCatalogDown(true)
        healthy.setCatalog(Self.products(3, prefix: "b"))
        clock.advance(by: 61)
        let second = try await catalog.current()
        #expect(second.generation == first.generation + 1)
        #expect(second.entries.map(\.product.handle) == ["a-0", "a-1", "a-2", "b-0", "b-1", "b-2"])
    }

    @Test func aProductGoneBetweenListAndDetailsIsLeftOut() async throws {
        let merchant = Self.merchant("shop.example", catalog: [])
        merchant.setCatalog(Self.products(3), detailsMissing: ["p-1"])
        let catalog = CatalogService(merchants: MerchantDirectory([merchant]), ttl: .seconds(300), logger: CoreHarness.logger)
        #expect(try await catalog.current().entries.map(\.product.handle) == ["p-0", "p-2"])
    }

    @Test func withABackgroundRefresherAnAgedCatalogAnswersWithoutAskingTheMerchant() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        let merchant = Self.merchant("a.example", catalog: Self.products(2))
        let catalog = CatalogService(
            merchants: MerchantDirectory([merchant]), ttl: .seconds(60), refreshesInBackground: true,
            logger: CoreHarness.logger, now: { clock.now })
        _ = try await catalog.current()
        let listCalls = merchant.count("products")
        clock.advance(by: 3600)
        _ = try await catalog.current()
        #expect(merchant.count("products") == listCalls)
        // The refresher's tick reloads, and says when the next one is due.
        merchant.setCatalog(Self.products(3))
        #expect(await catalog.scheduledReload() == .seconds(60))
        #expect(try await catalog.current().entries.count == 3)
        merchant.setCatalogDown(true)
        #expect(await catalog.scheduledReload() == CatalogService.missRefreshInterval)
        #expect(try await catalog.current().entries.count == 3)
    }
}
