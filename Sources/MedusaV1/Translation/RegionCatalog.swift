import Bridge
import Foundation
import MedusaAPI

/// The configured regions as Medusa returns them, with full country rows from `mappings/countries.json`.
public enum RegionCatalog {
    struct CountryFile: Decodable {
        struct Row: Decodable {
            let iso2: String
            let iso3: String
            let numCode: Int
            let displayName: String

            enum CodingKeys: String, CodingKey {
                case iso2 = "iso_2"
                case iso3 = "iso_3"
                case numCode = "num_code"
                case displayName = "display_name"
            }
        }

        let countries: [Row]
    }

    public static let fileName = "countries.json"

    /// Builds the Medusa regions; a country missing from the countries file is a start-up error naming it.
    public static func regions(
        _ configured: [BridgeConfiguration.Region], mappingsDirectory: URL, now: Date
    ) throws(MappingTableError) -> [Region] {
        let rows = try MappingFile.decode(CountryFile.self, named: fileName, in: mappingsDirectory).countries
        let byCode = Dictionary(rows.enumerated().map { ($0.element.iso2.lowercased(), ($0.offset + 1, $0.element)) }) {
            first, _ in first
        }
        return try configured.map { (region) throws(MappingTableError) -> Region in
            let countries = try region.countries.map { (code) throws(MappingTableError) -> Country in
                guard let (id, row) = byCode[code] else {
                    throw MappingTableError(
                        file: fileName, entry: code, reason: "region \(region.id) lists it, but the file does not")
                }
                return Country(
                    id: id, iso2: row.iso2.lowercased(), iso3: row.iso3.lowercased(), numCode: row.numCode,
                    name: row.displayName.uppercased(), displayName: row.displayName, regionID: region.id)
            }
            return Region(
                id: region.id, name: region.name, currencyCode: region.currencyCode, taxRate: region.taxRate,
                countries: countries,
                paymentProviders: region.paymentProviders.map { PaymentProvider(id: $0) },
                fulfillmentProviders: region.fulfillmentProviders.map { FulfillmentProvider(id: $0) },
                createdAt: now, updatedAt: now)
        }
    }
}
