import Foundation

/// Every table of `mappings/`, loaded and checked together at startup so a bad edit stops CartBridge before it
/// serves a request.
public struct MappingTables: Sendable {
    public var completeOrder: CompleteOrderRules
    public var addressFields: AddressFieldTable
    public var pinnedIDs: PinnedIDs
    public var catalogNavigation: CatalogNavigationMapping

    public init(
        completeOrder: CompleteOrderRules, addressFields: AddressFieldTable, pinnedIDs: PinnedIDs,
        catalogNavigation: CatalogNavigationMapping = .inferred
    ) {
        self.completeOrder = completeOrder
        self.addressFields = addressFields
        self.pinnedIDs = pinnedIDs
        self.catalogNavigation = catalogNavigation
    }

    public static func load(directory: URL) throws(MappingTableError) -> MappingTables {
        MappingTables(
            completeOrder: try CompleteOrderRules.load(directory: directory),
            addressFields: try AddressFieldTable.load(directory: directory),
            pinnedIDs: try PinnedIDs.load(directory: directory),
            catalogNavigation: try CatalogNavigationMapping.load(directory: directory))
    }
}
