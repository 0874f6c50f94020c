/// An address as a request sends it, every field optional. Applied to an existing address, a
/// field that is absent keeps its value and a field sent as `null` clears it (Medusa merges the
/// payload into the stored row).
public struct AddressPayload: MedusaRequestBody, Hashable {
    public var firstName: FieldUpdate<String>?
    public var lastName: FieldUpdate<String>?
    public var phone: FieldUpdate<String>?
    public var metadata: JSONObject?
    public var company: FieldUpdate<String>?
    public var address1: FieldUpdate<String>?
    public var address2: FieldUpdate<String>?
    public var city: FieldUpdate<String>?
    /// ISO 3166-1 alpha-2, any case.
    public var countryCode: FieldUpdate<String>?
    public var province: FieldUpdate<String>?
    public var postalCode: FieldUpdate<String>?

    public init(
        firstName: FieldUpdate<String>? = nil,
        lastName: FieldUpdate<String>? = nil,
        phone: FieldUpdate<String>? = nil,
        metadata: JSONObject? = nil,
        company: FieldUpdate<String>? = nil,
        address1: FieldUpdate<String>? = nil,
        address2: FieldUpdate<String>? = nil,
        city: FieldUpdate<String>? = nil,
        countryCode: FieldUpdate<String>? = nil,
        province: FieldUpdate<String>? = nil,
        postalCode: FieldUpdate<String>? = nil
    ) {
        self.firstName = firstName
        self.lastName = lastName
        self.phone = phone
        self.metadata = metadata
        self.company = company
        self.address1 = address1
        self.address2 = address2
        self.city = city
        self.countryCode = countryCode
        self.province = province
        self.postalCode = postalCode
    }

    /// Declaration order follows Medusa's `AddressPayload` class, which orders its messages.
    public init(fields: inout MedusaRequestFields) {
        firstName = fields.stringUpdate("first_name")
        lastName = fields.stringUpdate("last_name")
        phone = fields.stringUpdate("phone")
        metadata = fields.optionalStoredObject("metadata")
        company = fields.stringUpdate("company")
        address1 = fields.stringUpdate("address_1")
        address2 = fields.stringUpdate("address_2")
        city = fields.stringUpdate("city")
        countryCode = fields.stringUpdate("country_code")
        province = fields.stringUpdate("province")
        postalCode = fields.stringUpdate("postal_code")
    }
}

/// An address given in full, or the id of an existing address.
public enum AddressInput: Hashable, Sendable {
    case payload(AddressPayload)
    case id(String)
}

/// Medusa's `AddressCreatePayload` (a customer's new saved address): names, first line, city, country and
/// postal code are required strings; the rest as in `AddressPayload`.
public struct AddressCreatePayload: MedusaRequestBody, Hashable {
    public var payload: AddressPayload

    public init(fields: inout MedusaRequestFields) {
        payload = AddressPayload(
            firstName: .set(fields.requiredString("first_name")), lastName: .set(fields.requiredString("last_name")),
            phone: fields.stringUpdate("phone"), metadata: fields.optionalStoredObject("metadata"),
            company: fields.stringUpdate("company"), address1: .set(fields.requiredString("address_1")),
            address2: fields.stringUpdate("address_2"), city: .set(fields.requiredString("city")),
            countryCode: .set(fields.requiredString("country_code")), province: fields.stringUpdate("province"),
            postalCode: .set(fields.requiredString("postal_code")))
    }
}
