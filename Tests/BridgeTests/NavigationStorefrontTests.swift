import Foundation
import FullCartAPI
import MedusaAPI
import Testing

@testable import Bridge
@testable import MedusaV1

/// The navigation routes' answers, from two scripted merchants' catalogs grouped by the repository's
/// `mappings/catalog-navigation.json` (the demo's grouping: per-merchant collections, a tag collection, type
/// categories under "apparel" and "home").
@Suite struct NavigationStorefrontTests {
    static func product(_ handle: String, type: String, tags: [String] = []) -> FullCartProduct {
        FullCartProduct(
            title: handle.replacingOccurrences(of: "-", with: " ").capitalized, handle: handle, productType: type,
            tags: tags,
            variants: [
                FullCartVariant(
                    sku: handle.uppercased(), addToCartRef: .init(variantID: handle),
                    price: FullCartMoney(currency: "USD", minorUnits: 2000), available: true)
            ])
    }

    static func run(_ body: (MedusaV1Storefront) async throws -> Void) async throws {
        let apparel = ScriptedMerchant(
            domain: "apparel.example", cart: CoreHarness.merchantCart("apparel.example"), key: CoreHarness.merchantKey)
        apparel.setCatalog([
            product("radiant-tee", type: "Tops", tags: ["Bestseller", "Summer"]),
            product("breeze-shorts", type: "Bottoms", tags: ["Summer"]),
            product("silk-scarf", type: "Accessories", tags: ["Gift idea"]),
        ])
        let home = ScriptedMerchant(
            domain: "home.example", cart: CoreHarness.merchantCart("home.example"), key: CoreHarness.merchantKey)
        home.setCatalog([product("harbor-sofa", type: "Furniture", tags: ["Bestseller"]), product("glass-vase", type: "Decor")])
        try await CoreHarness.run([apparel, home]) { harness in try await body(harness.storefront) }
    }

    static let all = PageRequest(limit: 100, offset: 0)

    @Test func collectionsAreTheListedOnesThenOnePerMerchant() async throws {
        try await Self.run { storefront in
            let list = try await storefront.collections(handles: [], page: Self.all)
            #expect(list.items.map(\.handle) == ["bestsellers", "sim-apparel-co", "sim-home-goods"])
            #expect(list.items.map(\.title) == ["Bestsellers", "Sim Apparel Co.", "Sim Home Goods"])
            let byHandle = try await storefront.collections(handles: ["sim-home-goods"], page: Self.all)
            #expect(byHandle.count == 1)
            let id = try #require(byHandle.items.first?.id)
            #expect(try await storefront.collection(id: id).handle == "sim-home-goods")
            // The Next.js starter's home page takes the first three; its collection page filters products by id.
            let home = try await storefront.products(ProductQuery(collectionIDs: [id]))
            #expect(home.products.map(\.handle) == ["glass-vase"])
            // A bestseller is in the listed collection, not its merchant's (one collection per product).
            let bestsellers = try await storefront.products(ProductQuery(collectionIDs: [list.items[0].id]))
            #expect(bestsellers.products.map(\.handle) == ["radiant-tee", "harbor-sofa"])
            #expect(bestsellers.products.map { $0.collection?.handle } == ["bestsellers", "bestsellers"])
            await #expect(throws: MedusaError.self) { try await storefront.collection(id: "pcol_01UNKNOWN") }
        }
    }

    @Test func categoriesFormATreeAndFilterProducts() async throws {
        try await Self.run { storefront in
            let roots = try await storefront.categories(CategoryQuery(parent: .root, page: Self.all))
            #expect(roots.items.map(\.handle) == ["apparel", "home", "gifts"])
            #expect(roots.items.allSatisfy { $0.parentCategory.category == nil && $0.parentCategoryID == nil })
            #expect(roots.items[0].categoryChildren.map(\.handle) == ["accessories", "bottoms", "tops"])

            let tops = try #require(try await storefront.categories(CategoryQuery(handle: "tops", page: Self.all)).items.first)
            #expect(tops.parentCategory.category?.handle == "apparel")
            #expect(tops.parentCategoryID == roots.items[0].id)
            #expect(tops.mpath == "\(roots.items[0].id).\(tops.id)")
            let children = try await storefront.categories(CategoryQuery(parent: .id(roots.items[0].id), page: Self.all))
            #expect(children.items.map(\.handle) == ["accessories", "bottoms", "tops"])
            #expect(children.items.map(\.rank) == [0, 1, 2])

            // Direct members only, unless the children are included (Medusa's include_category_children).
            let apparelID = roots.items[0].id
            #expect(try await storefront.products(ProductQuery(categoryIDs: [apparelID])).count == 0)
            let withChildren = try await storefront.products(ProductQuery(categoryIDs: [apparelID], includeCategoryChildren: true))
            #expect(Set(withChildren.products.compactMap(\.handle)) == ["radiant-tee", "breeze-shorts", "silk-scarf"])
            let gifts = try await storefront.products(ProductQuery(categoryIDs: [roots.items[2].id]))
            #expect(gifts.products.map(\.handle) == ["silk-scarf"])

            let tree = try await storefront.category(id: roots.items[1].id, includeDescendantsTree: true)
            #expect(tree.categoryChildren.map(\.handle) == ["decor", "furniture"])
            await #expect(throws: MedusaError.self) {
                try await storefront.category(id: StableID.category(handle: "nowhere").id, includeDescendantsTree: false)
            }
        }
    }

    @Test func tagsAndTypesListAndFilterProducts() async throws {
        try await Self.run { storefront in
            let tags = try await storefront.productTags(LabelQuery(page: Self.all))
            #expect(tags.items.map(\.value) == ["Bestseller", "Gift idea", "Summer"])
            let summer = try #require(tags.items.first { $0.value == "Summer" })
            #expect(try await storefront.productTags(LabelQuery(q: "sum", page: Self.all)).items == [summer])
            let summerProducts = try await storefront.products(ProductQuery(tagIDs: [summer.id]))
            #expect(summerProducts.products.map(\.handle) == ["radiant-tee", "breeze-shorts"])
            #expect(summerProducts.products[0].tags.map(\.value) == ["Bestseller", "Summer"])

            let types = try await storefront.productTypes(LabelQuery(page: PageRequest(limit: 2, offset: 1)))
            #expect(types.count == 5)
            #expect(types.items.map(\.value) == ["Bottoms", "Decor"])
            let decor = try await storefront.products(ProductQuery(typeIDs: [types.items[1].id]))
            #expect(decor.products.map(\.handle) == ["glass-vase"])
            #expect(decor.products[0].type?.value == "Decor")
            // Tag values work where Medusa wants ids (the Next.js starter's related products send values).
            #expect(try await storefront.products(ProductQuery(tagIDs: ["Gift idea"])).products.map(\.handle) == ["silk-scarf"])
        }
    }

    @Test func productsOrderAndSearch() async throws {
        try await Self.run { storefront in
            let byTitle = try await storefront.products(ProductQuery(order: "title"))
            #expect(byTitle.products.map(\.title) == ["Breeze Shorts", "Glass Vase", "Harbor Sofa", "Radiant Tee", "Silk Scarf"])
            let newestFirst = try await storefront.products(ProductQuery(order: "-created_at"))
            #expect(newestFirst.products.map(\.handle) == ["glass-vase", "harbor-sofa", "silk-scarf", "breeze-shorts", "radiant-tee"])
            await #expect(throws: MedusaError.self) { try await storefront.products(ProductQuery(order: "price")) }
            #expect(try await storefront.products(ProductQuery(isGiftcard: true)).count == 0)

            let hits = try await storefront.searchProducts(StorePostSearchReq(q: "summer shorts"))
            #expect(hits.map(\.handle) == ["breeze-shorts"])
            #expect(try await storefront.searchProducts(StorePostSearchReq(q: "", limit: 2)).count == 2)
        }
    }
}
