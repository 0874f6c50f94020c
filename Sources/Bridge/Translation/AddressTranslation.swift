import Foundation
import FullCartAPI

/// Which of the cart's two addresses a check is about; it prefixes the Medusa field names in messages.
public enum AddressRole: String, Sendable {
    case shipping = "shipping_address"
    case billing = "billing_address"
}

/// Medusa addresses ↔ Full Cart `shipping_info` / `billing_info`, driven by `mappings/address-fields.json`.
public struct AddressTranslation: Sendable {
    public let table: AddressFieldTable

    public init(table: AddressFieldTable) {
        self.table = table
    }

    /// The address as the merchant expects it; Full Cart carries the shopper's email inside the address.
    public func fullCart(_ address: BridgeAddress, email: String?) -> FullCartAddress {
        var result = FullCartAddress()
        for field in table.fields {
            guard let value = Self.present(field.medusa.value(in: address, email: email)) else { continue }
            result.set(field.fullCart, to: Self.normalized(value, field.normalization))
        }
        return result
    }

    /// Required fields that are absent or blank, as Medusa names them (`shipping_address.address_1`, `email`),
    /// in table order. A missing address lacks all of its required fields.
    public func missingRequiredFields(_ address: BridgeAddress?, email: String?, role: AddressRole = .shipping)
        -> [String]
    {
        table.fields.filter { field in
            field.required && Self.present(field.medusa.value(in: address, email: email)) == nil
        }.map { $0.medusa.qualifiedName(addressKey: role.rawValue) }
    }

    /// Fails before any merchant call when the merchant would reject the address for a missing field.
    public func validate(_ address: BridgeAddress?, email: String?, role: AddressRole = .shipping)
        throws(CheckoutError)
    {
        let missing = missingRequiredFields(address, email: email, role: role)
        guard missing.isEmpty else {
            throw .invalidData("Missing required fields for merchant checkout: \(missing.joined(separator: ", "))")
        }
    }

    /// The merchant's (possibly normalised) address back in Medusa's terms; Medusa's country codes are lower
    /// case. The email is the cart's, so it is returned beside the address.
    public func bridgeAddress(_ address: FullCartAddress, id: String, now: Date) -> (
        address: BridgeAddress, email: String?
    ) {
        var result = BridgeAddress(id: id, now: now)
        var email: String?
        for field in table.fields {
            let value = address[field.fullCart]
            switch field.medusa {
            case .firstName: result.firstName = value
            case .lastName: result.lastName = value
            case .address1: result.address1 = value
            case .address2: result.address2 = value
            case .city: result.city = value
            case .province: result.province = value
            case .postalCode: result.postalCode = value
            case .countryCode: result.countryCode = value?.lowercased()
            case .phone: result.phone = value
            case .company: result.company = value
            case .email: email = value
            }
        }
        return (result, email)
    }
    /// The trimmed value, or nil when it is blank.
    private static func present(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else {
            return nil
        }
        return trimmed
    }

    private static func normalized(_ value: String, _ normalization: AddressFieldTable.Normalization) -> String {
        switch normalization {
        case .none: value
        case .upper: value.uppercased()
        // Codes are short and have no spaces ("ca", "nsw"); names ("Nova Scotia") keep their spelling.
        case .upperCode: value.count <= 3 && !value.contains(" ") ? value.uppercased() : value
        }
    }
}

extension FullCartAddress {
    fileprivate mutating func set(_ field: Field, to value: String) {
        switch field {
        case .firstName: firstName = value
        case .lastName: lastName = value
        case .email: email = value
        case .phone: phone = value
        case .company: company = value
        case .address1: address1 = value
        case .address2: address2 = value
        case .city: city = value
        case .stateOrProvince: stateOrProvince = value
        case .postalCode: postalCode = value
        case .country: country = value
        }
    }
}
