import Foundation

/// A cart or order address (`addr_...`). Unset fields are `null`, as in Medusa.
public struct Address: Codable, Hashable, Sendable {
    public var id: String
    @Nullable public var customerID: String?
    @Nullable public var company: String?
    @Nullable public var firstName: String?
    @Nullable public var lastName: String?
    @Nullable public var address1: String?
    @Nullable public var address2: String?
    @Nullable public var city: String?
    /// Lower-case ISO 3166-1 alpha-2.
    @Nullable public var countryCode: String?
    @Nullable public var province: String?
    @Nullable public var postalCode: String?
    @Nullable public var phone: String?
    public var createdAt: Date
    public var updatedAt: Date
    @Nullable public var deletedAt: Date?
    @Nullable public var metadata: JSONObject?

    public init(
        id: String,
        customerID: String? = nil,
        company: String? = nil,
        firstName: String? = nil,
        lastName: String? = nil,
        address1: String? = nil,
        address2: String? = nil,
        city: String? = nil,
        countryCode: String? = nil,
        province: String? = nil,
        postalCode: String? = nil,
        phone: String? = nil,
        metadata: JSONObject? = nil,
        createdAt: Date,
        updatedAt: Date? = nil
    ) {
        self.id = id
        self.customerID = customerID
        self.company = company
        self.firstName = firstName
        self.lastName = lastName
        self.address1 = address1
        self.address2 = address2
        self.city = city
        self.countryCode = countryCode
        self.province = province
        self.postalCode = postalCode
        self.phone = phone
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.deletedAt = nil
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case id
        case customerID = "customer_id"
        case company
        case firstName = "first_name"
        case lastName = "last_name"
        case address1 = "address_1"
        case address2 = "address_2"
        case city
        case countryCode = "country_code"
        case province
        case postalCode = "postal_code"
        case phone
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case deletedAt = "deleted_at"
        case metadata
    }
}
