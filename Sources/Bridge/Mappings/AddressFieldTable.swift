import Foundation
import FullCartAPI

/// `mappings/address-fields.json`: which Medusa address field (or the cart's `email`) fills which Full Cart
/// address field, whether the merchant requires it, and how its value is normalised on the way.
public struct AddressFieldTable: Sendable {
    public static let fileName = "address-fields.json"

    public struct Field: Sendable, Hashable {
        public var medusa: MedusaAddressField
        public var fullCart: FullCartAddress.Field
        public var required: Bool
        public var normalization: Normalization
    }

    public enum Normalization: String, Sendable, Hashable {
        case none
        /// Country codes: `us` → `US`.
        case upper
        /// Province codes (`ca` → `CA`) while full names (`New South Wales`) keep their spelling.
        case upperCode = "upper_code"
    }

    public let fields: [Field]

    public static func load(directory: URL) throws(MappingTableError) -> AddressFieldTable {
        let file = try MappingFile.decode(FileFormat.self, named: fileName, in: directory)
        var fields: [Field] = []
        for (index, raw) in file.fields.enumerated() {
            let entry = "fields[\(index)] \"\(raw.medusa)\""
            func failure(_ reason: String) -> MappingTableError {
                MappingTableError(file: fileName, entry: entry, reason: reason)
            }
            guard let medusa = MedusaAddressField(rawValue: raw.medusa) else {
                throw failure(
                    "unknown Medusa field; use one of "
                        + MedusaAddressField.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard let fullCart = FullCartAddress.Field(rawValue: raw.fullCart) else {
                throw failure(
                    "unknown Full Cart field \"\(raw.fullCart)\"; use one of "
                        + FullCartAddress.Field.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard let normalization = Normalization(rawValue: raw.normalize ?? Normalization.none.rawValue) else {
                throw failure("unknown normalize \"\(raw.normalize ?? "")\"; use none, upper or upper_code")
            }
            guard !fields.contains(where: { $0.medusa == medusa }) else {
                throw failure("the Medusa field is mapped twice")
            }
            guard !fields.contains(where: { $0.fullCart == fullCart }) else {
                throw failure("the Full Cart field \"\(raw.fullCart)\" is mapped twice")
            }
            fields.append(
                Field(medusa: medusa, fullCart: fullCart, required: raw.required, normalization: normalization))
        }
        return AddressFieldTable(fields: fields)
    }

    private struct FileFormat: Decodable {
        var fields: [RawField]
    }

    private struct RawField: Decodable {
        var medusa: String
        var fullCart: String
        var required: Bool
        var normalize: String?

        enum CodingKeys: String, CodingKey {
            case medusa
            case fullCart = "full_cart"
            case required, normalize
        }
    }
}

/// The Medusa names an address table may use: the address's own fields, plus the cart's `email`
/// (Full Cart keeps the email inside the address).
public enum MedusaAddressField: String, Sendable, Hashable, CaseIterable {
    case firstName = "first_name"
    case lastName = "last_name"
    case address1 = "address_1"
    case address2 = "address_2"
    case city
    case province
    case postalCode = "postal_code"
    case countryCode = "country_code"
    case phone
    case company
    case email

    /// The field's value on a stored address, or the cart's email.
    func value(in address: BridgeAddress?, email: String?) -> String? {
        switch self {
        case .firstName: address?.firstName
        case .lastName: address?.lastName
        case .address1: address?.address1
        case .address2: address?.address2
        case .city: address?.city
        case .province: address?.province
        case .postalCode: address?.postalCode
        case .countryCode: address?.countryCode
        case .phone: address?.phone
        case .company: address?.company
        case .email: email
        }
    }

    /// How a missing-field message names it: `shipping_address.phone`, or plain `email`.
    func qualifiedName(addressKey: String) -> String {
        self == .email ? rawValue : "\(addressKey).\(rawValue)"
    }
}
