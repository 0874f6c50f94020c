@testable import MedusaV1
import Bridge
import Foundation
import Testing

@Suite("Pinned ids")
struct PinnedIDsTests {
    static let hoodie = PinnedIDs.ProductKey(domain: "luma.example", handle: "hero-hoodie")
    static let hoodieXS = PinnedIDs.VariantKey(domain: "luma.example", sku: "MH07-XS-Gray")

    @Test func theShippedFileLoadsEmpty() throws {
        let pinned = try RepositoryMappings.load().pinnedIDs
        #expect(
            pinned.productID(for: Self.hoodie) == StableID.product(domain: "luma.example", handle: "hero-hoodie").id)
    }

    @Test func pinnedIDsWinAndResolveBack() throws {
        let pinned = try PinnedIDs(
            products: [Self.hoodie: "prod_legacy_1"], variants: [Self.hoodieXS: "variant_legacy_1"])
        #expect(pinned.productID(for: Self.hoodie) == "prod_legacy_1")
        #expect(pinned.variantID(for: Self.hoodieXS) == "variant_legacy_1")
        #expect(pinned.productKey(forID: "prod_legacy_1") == Self.hoodie)
        #expect(pinned.variantKey(forID: "variant_legacy_1") == Self.hoodieXS)
        // The derived ids keep working, and unpinned things keep theirs.
        #expect(
            pinned.variantKey(forID: StableID.variant(domain: "luma.example", sku: "MH07-XS-Gray").id) == Self.hoodieXS)
        let other = PinnedIDs.VariantKey(domain: "luma.example", sku: "MS10-M-Blue")
        #expect(pinned.variantKey(forID: pinned.variantID(for: other)) == other)
        #expect(pinned.productKey(forID: "prod_unknown") == nil)
        #expect(pinned.variantKey(forID: StableID.product(domain: "a", handle: "b").id) == nil)
    }

    @Test func aFileWithPinsLoads() throws {
        let scratch = try ScratchMappings([
            PinnedIDs.fileName: """
            {"products": [{"domain": "luma.example", "handle": "hero-hoodie", "product_id": "prod_legacy_1"}],
             "variants": [{"domain": "luma.example", "sku": "MH07-XS-Gray", "variant_id": "variant_legacy_1"}]}
            """
        ])
        let pinned = try PinnedIDs.load(directory: scratch.directory)
        #expect(pinned.productID(for: Self.hoodie) == "prod_legacy_1")
        #expect(pinned.variantKey(forID: "variant_legacy_1") == Self.hoodieXS)
    }

    /// A pins file for domain `d`; a nil id leaves `product_id` out.
    static func file(products: [(handle: String, id: String?)] = [], variants: [(sku: String, id: String)] = [])
        -> String
    {
        let products = products.map { pin in
            #"{"domain": "d", "handle": "\#(pin.handle)""# + (pin.id.map { #", "product_id": "\#($0)""# } ?? "") + "}"
        }
        let variants = variants.map { #"{"domain": "d", "sku": "\#($0.sku)", "variant_id": "\#($0.id)"}"# }
        return #"{"products": [\#(products.joined(separator: ", "))], "#
            + #""variants": [\#(variants.joined(separator: ", "))]}"#
    }

    @Test(arguments: [
        (file(variants: [("a", "v_1"), ("b", "v_1")]), #""v_1""#, "pinned to both d a and d b"),
        (file(products: [("h", "x")], variants: [("s", "x")]), #""x""#, "pinned to both d h and d s"),
        (file(products: [("h", "p1"), ("h", "p2")]), "products[1]", "d h is pinned twice"),
        (file(products: [("h", nil)]), "products[0]", "missing key \"product_id\""),
    ])
    func duplicatesAndGapsAreLoadErrors(_ json: String, _ entry: String, _ reason: String) throws {
        let scratch = try ScratchMappings([PinnedIDs.fileName: json])
        let error = #expect(throws: MappingTableError.self) {
            try PinnedIDs.load(directory: scratch.directory)
        }
        #expect(error?.file == PinnedIDs.fileName)
        #expect(error?.entry == entry)
        #expect(error?.reason.contains(reason) == true, "\(error?.description ?? "")")
    }
}
