@testable import MedusaV1
import Bridge
import Foundation
import Testing

@Suite("Mapping tables")
struct MappingTablesTests {
    @Test func theRepositoryTablesLoad() throws {
        let tables = try RepositoryMappings.load()
        #expect(try RepositoryMappings.errorCodes().fallback.status == 500)
        #expect(tables.completeOrder.refusals["ErrorPaymentDeclined"] == .declined)
        #expect(tables.addressFields.fields.count == 11)
    }

    @Test func aDecodingErrorNamesTheJSONPath() throws {
        let scratch = try ScratchMappings.repositoryFile(
            AddressFieldTable.fileName, replacing: #""required": true"#, with: #""required": "yes""#)
        let error = #expect(throws: MappingTableError.self) {
            try AddressFieldTable.load(directory: scratch.directory)
        }
        #expect(error?.entry == "fields[0].required")
        #expect(
            error?.description.hasPrefix("mappings/address-fields.json entry fields[0].required: expected Bool") == true
        )
    }
}
