import Foundation

/// The OAS `Customer`, with the relations the store routes load: `shipping_addresses` and `billing_address`.
public struct Customer: Codable, Hashable, Sendable {
    public var id: String
    public var email: String
    public var firstName: String
    public var lastName: String
    @Nullable public var billingAddressID: String?
    @Nullable public var billingAddress: Address?
    public var shippingAddresses: [Address]
    @Nullable public var phone: String?
    public var hasAccount: Bool
    public var createdAt: Date
    public var updatedAt: Date
    @Nullable public var deletedAt: Date?
    @Nullable public var metadata: JSONObject?

    public init(
        id: String, email: String, firstName: String, lastName: String, billingAddress: Address?,
        shippingAddresses: [Address], phone: String?, metadata: JSONObject?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.billingAddressID = billingAddress?.id
        self.billingAddress = billingAddress
        self.shippingAddresses = shippingAddresses
        self.phone = phone
        self.hasAccount = true
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deletedAt = nil
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case id, email
        case firstName = "first_name"
        case lastName = "last_name"
        case billingAddressID = "billing_address_id"
        case billingAddress = "billing_address"
        case shippingAddresses = "shipping_addresses"
        case phone
        case hasAccount = "has_account"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case deletedAt = "deleted_at"
        case metadata
    }
}
