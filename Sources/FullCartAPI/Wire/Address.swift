/// `shipping_info` / `billing_info` (reference §3.6). Every field is optional on the wire so a partial
/// merchant echo still decodes; the field spellings of the clear-cart example are accepted too.
public struct FullCartAddress: Codable, Sendable, Equatable {
    public var firstName: String?
    public var lastName: String?
    public var email: String?
    public var phone: String?
    public var company: String?
    public var address1: String?
    public var address2: String?
    public var city: String?
    public var stateOrProvince: String?
    public var stateName: String?
    public var postalCode: String?
    public var country: String?

    public init(
        firstName: String? = nil, lastName: String? = nil, email: String? = nil, phone: String? = nil,
        company: String? = nil, address1: String? = nil, address2: String? = nil, city: String? = nil,
        stateOrProvince: String? = nil, stateName: String? = nil, postalCode: String? = nil, country: String? = nil
    ) {
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.phone = phone
        self.company = company
        self.address1 = address1
        self.address2 = address2
        self.city = city
        self.stateOrProvince = stateOrProvince
        self.stateName = stateName
        self.postalCode = postalCode
        self.country = country
    }

    /// Field names as the API spells them; the required set is the one set-shipping-info and
    /// complete-order document.
    public enum Field: String, CaseIterable, Sendable {
        case firstName = "first_name"
        case lastName = "last_name"
        case email, phone, company, address1, address2, city
        case stateOrProvince = "state_or_province"
        case postalCode = "postal_code"
        case country

        public static let required: [Field] = [
            .firstName, .lastName, .email, .phone, .address1, .city, .stateOrProvince, .postalCode, .country,
        ]
    }

    public subscript(field: Field) -> String? {
        switch field {
        case .firstName: firstName
        case .lastName: lastName
        case .email: email
        case .phone: phone
        case .company: company
        case .address1: address1
        case .address2: address2
        case .city: city
        case .stateOrProvince: stateOrProvince
        case .postalCode: postalCode
        case .country: country
        }
    }

    /// Required fields that are absent or blank, in documentation order.
    public var missingRequiredFields: [Field] {
        Field.required.filter { (self[$0] ?? "").allSatisfy(\.isWhitespace) }
    }

    enum CodingKeys: String, CodingKey {
        case firstName = "first_name"
        case lastName = "last_name"
        case email, phone, company, address1, address2, city
        case stateOrProvince = "state_or_province"
        case stateName = "state_name"
        case postalCode = "postal_code"
        case country
        case addressLine1 = "address_line_1"
        case addressLine2 = "address_line_2"
        case stateCode = "state_code"
        case zip
        case countryCode = "country_code"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func string(_ key: CodingKeys, or alternative: CodingKeys? = nil) throws -> String? {
            if let value = try c.decodeIfPresent(String.self, forKey: key) { return value }
            guard let alternative else { return nil }
            return try c.decodeIfPresent(String.self, forKey: alternative)
        }
        firstName = try string(.firstName)
        lastName = try string(.lastName)
        email = try string(.email)
        phone = try string(.phone)
        company = try string(.company)
        address1 = try string(.address1, or: .addressLine1)
        address2 = try string(.address2, or: .addressLine2)
        city = try string(.city)
        stateOrProvince = try string(.stateOrProvince, or: .stateCode)
        stateName = try string(.stateName)
        postalCode = try string(.postalCode, or: .zip)
        country = try string(.country, or: .countryCode)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(firstName, forKey: .firstName)
        try c.encodeIfPresent(lastName, forKey: .lastName)
        try c.encodeIfPresent(email, forKey: .email)
        try c.encodeIfPresent(phone, forKey: .phone)
        try c.encodeIfPresent(company, forKey: .company)
        try c.encodeIfPresent(address1, forKey: .address1)
        try c.encodeIfPresent(address2, forKey: .address2)
        try c.encodeIfPresent(city, forKey: .city)
        try c.encodeIfPresent(stateOrProvince, forKey: .stateOrProvince)
        try c.encodeIfPresent(stateName, forKey: .stateName)
        try c.encodeIfPresent(postalCode, forKey: .postalCode)
        try c.encodeIfPresent(country, forKey: .country)
    }
}
