import Foundation

/// Every table of `mappings/`, loaded and checked together at startup so a bad edit stops CartBridge before it
/// serves a request.
public struct MappingTables: Sendable {
    public var errorCodes: ErrorCodeTable
    public var addressFields: AddressFieldTable
    public var pinnedIDs: PinnedIDs

    public init(errorCodes: ErrorCodeTable, addressFields: AddressFieldTable, pinnedIDs: PinnedIDs) {
        self.errorCodes = errorCodes
        self.addressFields = addressFields
        self.pinnedIDs = pinnedIDs
    }

    public static func load(directory: URL) throws(MappingTableError) -> MappingTables {
        MappingTables(
            errorCodes: try ErrorCodeTable.load(directory: directory),
            addressFields: try AddressFieldTable.load(directory: directory),
            pinnedIDs: try PinnedIDs.load(directory: directory))
    }
}
