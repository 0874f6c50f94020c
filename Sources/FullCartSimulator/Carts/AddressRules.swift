import Foundation
import FullCartAPI

/// Validation of shipping and billing addresses (reference §2.3): required fields, a US country, a US state,
/// an email and a ZIP code. A valid address comes back normalised: `country` "US", `state_or_province` as the
/// USPS code and `state_name` filled in.
enum AddressRules {
    /// `fieldPrefix` names the fields in errors, e.g. "billing_info.".
    static func validated(_ address: FullCartAddress, fieldPrefix: String = "") throws(SimulatorError)
        -> FullCartAddress
    {
        let missing = address.missingRequiredFields
        if !missing.isEmpty {
            let names = missing.map { fieldPrefix + $0.rawValue }.joined(separator: ", ")
            throw .invalidInputBody("Missing required fields: \(names)")
        }
        var normalised = address
        let country = (address.country ?? "").trimmingCharacters(in: .whitespaces)
        guard ["US", "USA", "UNITED STATES", "UNITED STATES OF AMERICA"].contains(country.uppercased()) else {
            throw .countryNotSupported(country)
        }
        normalised.country = "US"
        guard let state = USStates.code(for: address.stateOrProvince ?? "") else {
            throw .invalidInputBody(
                "\(fieldPrefix)state_or_province '\(address.stateOrProvince ?? "")' is not a US state")
        }
        normalised.stateOrProvince = state
        normalised.stateName = USStates.name(forCode: state)
        guard isEmail(address.email ?? "") else {
            throw .invalidInputBody("\(fieldPrefix)email is not a valid email address")
        }
        guard isZIPCode(address.postalCode ?? "") else {
            throw .invalidInputBody("\(fieldPrefix)postal_code must be a US ZIP code (12345 or 12345-6789)")
        }
        return normalised
    }

    /// One `@`, a non-empty local part, a dotted domain, no spaces.
    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
        let domainLabels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return domainLabels.count >= 2 && domainLabels.allSatisfy { !$0.isEmpty }
    }

    static func isZIPCode(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let digitCounts = parts.map(\.count)
        guard digitCounts == [5] || digitCounts == [5, 4] else { return false }
        return parts.allSatisfy { $0.allSatisfy(\.isASCIIDigitCharacter) }
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
}
