import Bridge
import Foundation

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
