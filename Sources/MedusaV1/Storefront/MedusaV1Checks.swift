import Bridge
import Foundation
import MedusaAPI

/// What `cartbridge check-config` checks of the tables this adapter and the core read from `mappings/`.
public enum MedusaV1Checks {
    public static func tables(_ configuration: BridgeConfiguration, mappingsDirectory: URL) -> [HealthCheck] {
        [
            HealthCheck("mapping tables") {
                _ = try MappingTables.load(directory: mappingsDirectory)
                _ = try ErrorCodeTable.load(directory: mappingsDirectory)
                return mappingsDirectory.path
            },
            HealthCheck("regions") {
                let regions = try RegionCatalog.regions(
                    configuration.regions, mappingsDirectory: mappingsDirectory, now: Date())
                return regions.map(\.id).joined(separator: ", ")
            },
        ]
    }
}

/// What the adapter reads at start, checked: Medusa's regions (configuration and `mappings/`) and the error
/// envelope table. A bad file stops start-up with the loader's message.
public struct MedusaV1Setup: Sendable {
    let regions: [Region]
    let errors: ErrorCodeTable

    public static func load(_ configuration: BridgeConfiguration, mappingsDirectory: URL, now: Date) throws
        -> MedusaV1Setup
    {
        MedusaV1Setup(
            regions: try RegionCatalog.regions(configuration.regions, mappingsDirectory: mappingsDirectory, now: now),
            errors: try ErrorCodeTable.load(directory: mappingsDirectory))
    }

    /// The core's view of the regions.
    public var salesRegions: [SalesRegion] { regions.map(SalesRegion.init) }
}

extension MedusaV1Storefront {
    public init(core: CheckoutService, setup: MedusaV1Setup) {
        self.init(core: core, regions: setup.regions, errors: setup.errors)
    }
}
