import FullCartAPI
import Testing

@testable import FullCartSimulator

struct AddressRulesTests {
    static let valid = FullCartAddress(
        firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", phone: "2065551212",
        address1: "1 Main St", city: "Seattle", stateOrProvince: "WA", postalCode: "98101", country: "US")

    static func with(_ change: (inout FullCartAddress) -> Void) -> FullCartAddress {
        var address = valid
        change(&address)
        return address
    }

    @Test(arguments: [
        (valid, "US", "WA", "Washington"),
        (with { $0.country = "United States" }, "US", "WA", "Washington"),
        (with { $0.stateOrProvince = "california" }, "US", "CA", "California"),
        (
            with {
                $0.stateOrProvince = "ny"; $0.postalCode = "10001-1234"
            }, "US", "NY", "New York"
        ),
    ])
    func normalisesValidAddresses(address: FullCartAddress, country: String, state: String, stateName: String) throws {
        let normalised = try AddressRules.validated(address)
        #expect(normalised.country == country)
        #expect(normalised.stateOrProvince == state)
        #expect(normalised.stateName == stateName)
    }

    @Test(arguments: [
        (
            with {
                $0.email = nil; $0.city = " "
            }, "ErrorInvalidInputBody", "Missing required fields: email, city"
        ),
        (with { $0.country = "CA" }, "ErrorCountryNotSupported", "Country 'CA' is not supported by this merchant"),
        (with { $0.stateOrProvince = "ZZ" }, "ErrorInvalidInputBody", "state_or_province 'ZZ' is not a US state"),
        (with { $0.email = "ada.example.com" }, "ErrorInvalidInputBody", "email is not a valid email address"),
        (
            with { $0.postalCode = "9810" }, "ErrorInvalidInputBody",
            "postal_code must be a US ZIP code (12345 or 12345-6789)"
        ),
    ])
    func refusesInvalidAddresses(address: FullCartAddress, code: String, description: String) {
        let error = #expect(throws: SimulatorError.self) { try AddressRules.validated(address) }
        #expect(error?.status == 400)
        #expect(error?.code == code)
        #expect(error?.description == description)
    }

    @Test func billingErrorsNameTheBillingFields() {
        let error = #expect(throws: SimulatorError.self) {
            try AddressRules.validated(Self.with { $0.phone = nil }, fieldPrefix: "billing_info.")
        }
        #expect(error?.description == "Missing required fields: billing_info.phone")
    }
}
