@testable import MedusaV1
import Bridge
import Foundation
import FullCartAPI
import MedusaAPI
import Testing

@Suite("Addresses: Medusa ↔ Full Cart")
struct AddressTranslationTests {
    static func translation() throws -> AddressTranslation {
        AddressTranslation(table: try RepositoryMappings.load().addressFields)
    }

    struct Pair: Sendable, CustomTestStringConvertible {
        var fullCart: FullCartAddress.Field
        var expected: String
        var testDescription: String { fullCart.rawValue }
    }

    static let pairs = [
        Pair(fullCart: .firstName, expected: "Ada"),
        Pair(fullCart: .lastName, expected: "Lovelace"),
        Pair(fullCart: .address1, expected: "1 Microsoft Way"),
        Pair(fullCart: .address2, expected: "Suite 2"),
        Pair(fullCart: .city, expected: "Redmond"),
        Pair(fullCart: .stateOrProvince, expected: "WA"),
        Pair(fullCart: .postalCode, expected: "98052"),
        Pair(fullCart: .country, expected: "US"),
        Pair(fullCart: .phone, expected: "5034440332"),
        Pair(fullCart: .company, expected: "Analytical Engines"),
        Pair(fullCart: .email, expected: "ada@example.com"),
    ]

    @Test(arguments: pairs)
    func eachFieldReachesItsFullCartName(_ pair: Pair) throws {
        let address = try Self.translation().fullCart(Fixture.address(), email: "ada@example.com")
        #expect(address[pair.fullCart] == pair.expected)
    }

    @Test func everyFullCartFieldIsMapped() throws {
        let mapped = Set(try RepositoryMappings.load().addressFields.fields.map(\.fullCart))
        #expect(mapped == Set(FullCartAddress.Field.allCases))
    }

    @Test func requiredMatchesSetShippingInfo() throws {
        let required = try RepositoryMappings.load().addressFields.fields.filter(\.required).map(\.fullCart)
        #expect(Set(required) == Set(FullCartAddress.Field.required))
    }

    @Test(arguments: [
        ("ca", "CA"), (" ny ", "NY"), ("New South Wales", "New South Wales"), ("Nova Scotia", "Nova Scotia"),
        ("nsw", "NSW"),
    ])
    func provinceCodesAreUpperCasedAndNamesKept(_ province: String, _ expected: String) throws {
        var address = Fixture.address()
        address.province = province
        #expect(try Self.translation().fullCart(address, email: nil).stateOrProvince == expected)
    }

    @Test func blankFieldsAreLeftOut() throws {
        var address = Fixture.address()
        address.address2 = "  "
        address.company = nil
        let fullCart = try Self.translation().fullCart(address, email: "")
        #expect(fullCart.address2 == nil)
        #expect(fullCart.company == nil)
        #expect(fullCart.email == nil)
    }

    @Test func missingFieldsAreNamedAsMedusaNamesThem() throws {
        var address = Fixture.address()
        address.phone = " "
        address.address1 = nil
        address.address2 = nil
        let missing = try Self.translation().missingRequiredFields(address, email: nil)
        #expect(missing == ["shipping_address.address_1", "shipping_address.phone", "email"])
    }

    @Test func aMissingAddressLacksEveryRequiredField() throws {
        let missing = try Self.translation().missingRequiredFields(nil, email: "ada@example.com", role: .billing)
        #expect(
            missing == [
                "billing_address.first_name", "billing_address.last_name", "billing_address.address_1",
                "billing_address.city", "billing_address.province", "billing_address.postal_code",
                "billing_address.country_code", "billing_address.phone",
            ])
    }

    @Test func validateThrowsInvalidDataNamingTheFields() throws {
        var address = Fixture.address()
        address.phone = nil
        let translation = try Self.translation()
        let error = #expect(throws: CheckoutError.self) {
            try translation.validate(address, email: nil)
        }
        #expect(error?.kind == .invalidData)
        #expect(error.map { MedusaErrorMapping.medusaError(for: $0, table: nil).httpStatus } == 400)
        #expect(error?.message == "Missing required fields for merchant checkout: shipping_address.phone, email")
        #expect(throws: Never.self) { try translation.validate(Fixture.address(), email: "ada@example.com") }
    }

    @Test func theMerchantsAddressComesBackInMedusaTerms() throws {
        let translation = try Self.translation()
        let fullCart = translation.fullCart(Fixture.address(), email: "ada@example.com")
        let (back, email) = translation.bridgeAddress(fullCart, id: "addr_ship", now: Fixture.now)
        var expected = Fixture.address()
        expected.province = "WA"
        #expect(back == expected)
        #expect(email == "ada@example.com")
    }

    @Test func theMedusaAddressHasALowerCaseCountry() {
        var address = Fixture.address()
        address.countryCode = "US"
        let medusa = AddressRendering.medusaAddress(address)
        #expect(medusa.countryCode == "us")
        #expect(medusa.address1 == "1 Microsoft Way")
        #expect(medusa.id == "addr_ship")
    }

    @Test(arguments: [
        (#""medusa": "phone""#, #""medusa": "telephone""#, #"fields[8] "telephone""#, "unknown Medusa field"),
        (#""full_cart": "address2""#, #""full_cart": "address1""#, #"fields[3] "address_2""#, "mapped twice"),
        (#""normalize": "upper""#, #""normalize": "shout""#, #"fields[7] "country_code""#, "unknown normalize"),
    ])
    func aBadEditFailsNamingTheEntry(_ old: String, _ new: String, _ entry: String, _ reason: String) throws {
        let scratch = try ScratchMappings.repositoryFile(AddressFieldTable.fileName, replacing: old, with: new)
        let error = #expect(throws: MappingTableError.self) {
            try AddressFieldTable.load(directory: scratch.directory)
        }
        #expect(error?.file == AddressFieldTable.fileName)
        #expect(error?.entry == entry)
        #expect(error?.reason.contains(reason) == true, "\(error?.description ?? "")")
    }
}
