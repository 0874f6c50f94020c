import Foundation
import FullCartAPI
import Testing

@testable import Bridge

/// `CatalogNavigation.build`: which collection and categories each product lands in, and the tree's shape.
@Suite struct CatalogNavigationTests {
    static func product(_ handle: String, type: String?, tags: [String] = []) -> FullCartProduct {
        FullCartProduct(title: handle.capitalized, handle: handle, productType: type, tags: tags, variants: [])
    }

    static let products: [(domain: String, product: FullCartProduct)] = [
        ("shop.a", product("tee", type: "Tops", tags: ["Sale"])),
        ("shop.a", product("jeans", type: "Bottoms")),
        ("shop.b", product("sofa", type: "Furniture", tags: ["sale", "Big"])),
        ("shop.b", product("mystery", type: nil)),
    ]

    @Test func withNoListedGroupsEachMerchantIsACollectionAndEachTypeACategory() {
        let (navigation, placements) = CatalogNavigation.build(
            products: Self.products, merchantDomains: ["shop.a", "shop.b"], mapping: .inferred)
        #expect(navigation.collections.map(\.handle) == ["shop-a", "shop-b"])
        #expect(navigation.collections.map(\.title) == ["shop.a", "shop.b"])
        #expect(navigation.categories.map(\.handle) == ["bottoms", "furniture", "tops"])
        #expect(navigation.categories.map(\.rank) == [0, 1, 2])
        #expect(placements.map(\.collection) == ["shop-a", "shop-a", "shop-b", "shop-b"])
        #expect(placements.map(\.categories) == [["tops"], ["bottoms"], ["furniture"], []])
        // Tags keep their spelling; two spellings are two tags, listed by name.
        #expect(navigation.tags == ["Big", "sale", "Sale"])
        #expect(navigation.productTypes == ["Bottoms", "Furniture", "Tops"])
    }

    @Test func listedGroupsComeFirstAndTypeCategoriesHangUnderTheirParents() throws {
        let mapping = try CatalogNavigationMapping(
            collections: [.init(handle: "sale", title: "On sale", products: .init(tags: ["SALE"]))],
            merchantTitles: ["shop.a": "Shop A", "shop.b": "Sale"],
            categories: [
                .init(handle: "clothing", name: "Clothing"),
                .init(handle: "deals", name: "Deals", parent: "clothing", products: .init(domains: ["shop.a"], tags: ["sale"])),
                .init(handle: "tops", name: "Shirts & tops", products: .init(handles: ["jeans"])),
            ],
            productTypeParents: ["tops": "clothing", "Bottoms": "clothing"])
        let (navigation, placements) = CatalogNavigation.build(
            products: Self.products, merchantDomains: ["shop.a", "shop.b"], mapping: mapping)
        // "Sale" as a merchant title would take the listed collection's handle: it gets a suffix instead.
        #expect(navigation.collections.map(\.handle) == ["sale", "shop-a", "sale-2"])
        // A product's collection is the first listed one it matches, else its merchant's.
        #expect(placements.map(\.collection) == ["sale", "shop-a", "sale", "sale-2"])
        // Pre-order: roots by rank, each followed by its subtree; "tops" is listed, so the type joins it.
        #expect(navigation.categories.map(\.handle) == ["clothing", "deals", "bottoms", "tops", "furniture"])
        #expect(navigation.category(handle: "bottoms")?.parent == "clothing")
        #expect(navigation.category(handle: "tops")?.parent == nil)
        #expect(placements[0].categories == ["deals", "tops"])
        #expect(placements[1].categories == ["tops", "bottoms"])
        #expect(placements[2].categories == ["furniture"])
        #expect(navigation.subtree(of: "clothing") == ["clothing", "deals", "bottoms"])
    }

    @Test func slugsAreLowerCaseWordsJoinedByDashes() {
        #expect(CatalogSlug.make("Sim Apparel Co.") == "sim-apparel-co")
        #expect(CatalogSlug.make("  Outdoor & Garden ") == "outdoor-garden")
        #expect(CatalogSlug.make("Café 2") == "café-2")
        #expect(CatalogSlug.make("!!!") == "untitled")
    }

    @Test(arguments: [
        (
            try! JSONSerialization.data(withJSONObject: ["categories": ["list": [["handle": "a", "name": "A", "parent": "b"]]]]),
            "mappings/catalog-navigation.json entry categories.list[0]: parent \"b\" is not a listed category"
        ),
        (
            try! JSONSerialization.data(withJSONObject: ["categories": ["list": [
                ["handle": "a", "name": "A", "parent": "b"], ["handle": "b", "name": "B", "parent": "a"],
            ]]]),
            "mappings/catalog-navigation.json entry categories.list[0]: parents form a cycle through \"a\""
        ),
        (
            try! JSONSerialization.data(withJSONObject: ["collections": ["list": [["handle": "x", "title": "X", "products": [:]]]]]),
            "mappings/catalog-navigation.json entry collections.list[0]: products must name at least one condition"
        ),
        (
            try! JSONSerialization.data(withJSONObject: ["collections": ["list": [
                ["handle": "x", "title": "X", "products": ["tags": ["a"]]], ["handle": "x", "title": "Y", "products": ["tags": ["b"]]],
            ]]]),
            "mappings/catalog-navigation.json entry collections.list[1]: handle \"x\" is listed twice"
        ),
        (
            try! JSONSerialization.data(withJSONObject: ["categories": ["list": [["handle": "Big Things", "name": "B"]]]]),
            "mappings/catalog-navigation.json entry categories.list[0]: handle \"Big Things\" must be lower-case letters, digits and - / _"
        ),
        (
            try! JSONSerialization.data(withJSONObject: ["categories": ["product_type_parents": ["Tops": "clothing"]]]),
            "mappings/catalog-navigation.json entry categories.product_type_parents.Tops: parent \"clothing\" is not a listed category"
        ),
        (
            try! JSONSerialization.data(withJSONObject: ["collections": ["list": [["handle": "x", "products": ["tags": ["a"]]]]]]),
            "mappings/catalog-navigation.json entry collections.list[0]: missing key \"title\""
        ),
    ])
    func aBadMappingFileIsRefusedNamingTheEntry(file: Data, message: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nav-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try file.write(to: directory.appendingPathComponent(CatalogNavigationMapping.fileName))
        #expect(throws: MappingTableError.self) { try CatalogNavigationMapping.load(directory: directory) }
        do {
            _ = try CatalogNavigationMapping.load(directory: directory)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func theRepositoryMappingGroupsTheDemoCatalog() throws {
        let mapping = try CatalogNavigationMapping.load(directory: RepositoryMappings.directory)
        #expect(mapping.collections.map(\.handle) == ["bestsellers"])
        #expect(mapping.categories.map(\.handle) == ["apparel", "home", "gifts"])
        #expect(mapping.productTypeParents["Furniture"] == "home")
    }
}
