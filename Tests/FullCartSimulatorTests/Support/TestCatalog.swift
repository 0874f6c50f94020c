@testable import FullCartSimulator

/// The repository's catalog, as the simulator loads it.
enum TestCatalog {
    static let catalog: Catalog = {
        do {
            return try CatalogLoader.load(path: SimulatorConfiguration.defaultCatalogPath)
        } catch {
            fatalError("\(error)")
        }
    }()

    static let apparel = catalog.merchant(domain: "apparel.example")!
    static let home = catalog.merchant(domain: "home.example")!

    static func shippingMethod(_ id: String, price: Int, excludedStates: [String]? = nil) -> ShippingMethodOption {
        ShippingMethodOption(
            id: id, description: id, price: price, estimatedDelivery: "soon", excludedStates: excludedStates)
    }
}
