import Foundation
import Testing

@testable import FullCartSimulator

struct CatalogTests {
    @Test func repositoryCatalogHasWhatTheTestsRelyOn() throws {
        let catalog = TestCatalog.catalog
        #expect(catalog.domains == ["apparel.example", "home.example"])
        for merchant in catalog.merchants {
            #expect(merchant.currency == "USD")
            #expect(merchant.products.count >= 12)
            #expect(merchant.promoCodes.map(\.code) == ["SAVE10", "FREESHIP", "SUMMER2020", "TAKE20"])
            #expect(merchant.addon(id: "shipping_protection")?.scope == .cart)
            #expect(merchant.addon(id: "extended_warranty")?.scope == .item)
            #expect(merchant.addons.contains { $0.isRequired })
            #expect(merchant.taxRate(state: "CA") == 725)
            #expect(merchant.taxRate(state: "OR") == 0)
        }
        let home = TestCatalog.home
        #expect(home.product(handle: "harbor-sofa")?.shippingClass == "furniture")
        #expect(
            home.shippingClass(id: "furniture")?.fulfillmentTypes.map(\.id) == [
                "SHIP_TO_ADDRESS", "SCHEDULED_DELIVERY",
            ])
        #expect(home.product(handle: "glass-vase")?.variants.allSatisfy { $0.stock == 0 } == true)
        #expect(home.product(handle: "propane-patio-heater")?.ships(to: "HI") == false)
        #expect(TestCatalog.apparel.product(handle: "heated-vest")?.ships(to: "AK") == false)
        #expect(TestCatalog.apparel.product(handle: "merino-beanie")?.variants.allSatisfy { $0.stock == 0 } == true)
    }

    static func catalogJSON(_ change: (inout [String: Any]) -> Void) throws -> Data {
        let data = try Data(contentsOf: URL(fileURLWithPath: SimulatorConfiguration.defaultCatalogPath))
        var root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var merchants = try #require(root["merchants"] as? [[String: Any]])
        change(&merchants[0])
        root["merchants"] = merchants
        return try JSONSerialization.data(withJSONObject: root)
    }

    @Test func aMissingFileNamesThePath() {
        let error = #expect(throws: SimulatorCatalogError.self) {
            try CatalogLoader.load(path: "/nonexistent/catalog.json")
        }
        #expect(error?.path == "/nonexistent/catalog.json")
        #expect(error?.description.hasPrefix("simulator catalog /nonexistent/catalog.json: cannot be read") == true)
    }

    @Test(arguments: [
        ("{", "is not valid JSON"),
        (#"{"merchants": []}"#, "merchants: needs at least one merchant"),
        (#"{"merchants": [{"domain": "x.example"}]}"#, #"merchants[0]: missing field "display_name""#),
    ])
    func malformedFilesAreExplained(json: String, problem: String) {
        let error = #expect(throws: SimulatorCatalogError.self) {
            try CatalogLoader.decode(Data(json.utf8), path: "c.json")
        }
        #expect(error?.problem == problem)
    }

    @Test func inconsistentCatalogsAreExplained() throws {
        let unknownClass = try Self.catalogJSON { merchant in
            var products = merchant["products"] as! [[String: Any]]
            products[0]["shipping_class"] = "boat"
            merchant["products"] = products
        }
        let error = #expect(throws: SimulatorCatalogError.self) {
            try CatalogLoader.decode(unknownClass, path: "c.json")
        }
        #expect(
            error?.problem == #"merchants[0] (apparel.example): product "radiant-tee": unknown shipping_class "boat""#)

        let wrongType = try Self.catalogJSON { merchant in
            var products = merchant["products"] as! [[String: Any]]
            var variants = products[1]["variants"] as! [[String: Any]]
            variants[2]["price"] = "cheap"
            products[1]["variants"] = variants
            merchant["products"] = products
        }
        let typeError = #expect(throws: SimulatorCatalogError.self) {
            try CatalogLoader.decode(wrongType, path: "c.json")
        }
        #expect(typeError?.problem == "merchants[0].products[1].variants[2].price: expected Int")
    }
}
