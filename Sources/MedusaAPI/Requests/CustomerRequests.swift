/// `POST /store/customers`
public struct StorePostCustomersReq: MedusaRequestBody, Hashable {
    public var firstName: String
    public var lastName: String
    public var email: String
    public var password: String
    public var phone: String?

    public init(fields: inout MedusaRequestFields) {
        firstName = fields.requiredString("first_name")
        lastName = fields.requiredString("last_name")
        email = fields.requiredEmail("email")
        password = fields.requiredString("password")
        phone = fields.optionalString("phone")
    }
}

/// `POST /store/customers/me`
public struct StorePostCustomersCustomerReq: MedusaRequestBody, Hashable {
    public var firstName: String?
    public var lastName: String?
    public var billingAddress: FieldUpdate<AddressInput>?
    public var password: String?
    public var phone: String?
    public var email: String?
    public var metadata: JSONObject?

    public init(fields: inout MedusaRequestFields) {
        firstName = fields.optionalString("first_name")
        lastName = fields.optionalString("last_name")
        billingAddress = fields.addressUpdate("billing_address")
        password = fields.optionalString("password")
        phone = fields.optionalString("phone")
        email = fields.optionalEmail("email")
        metadata = fields.optionalStoredObject("metadata")
    }
}

/// `POST /store/customers/me/addresses`: `{address: {…}}`.
public struct StorePostCustomersCustomerAddressesReq: MedusaRequestBody, Hashable {
    public var address: AddressCreatePayload

    public init(fields: inout MedusaRequestFields) {
        address = fields.requiredNested("address", of: AddressCreatePayload.self)
    }
}

/// `POST /store/auth` and `POST /store/auth/token`
public struct StorePostAuthReq: MedusaRequestBody, Hashable {
    public var email: String
    public var password: String

    public init(fields: inout MedusaRequestFields) {
        email = fields.requiredEmail("email")
        password = fields.requiredString("password")
    }
}

/// `POST /store/customers/password-token`
public struct StorePostCustomersCustomerPasswordTokenReq: MedusaRequestBody, Hashable {
    public var email: String

    public init(fields: inout MedusaRequestFields) {
        email = fields.requiredEmail("email")
    }
}

/// `POST /store/customers/password-reset`
public struct StorePostCustomersResetPasswordReq: MedusaRequestBody, Hashable {
    public var email: String
    public var password: String
    public var token: String

    public init(fields: inout MedusaRequestFields) {
        email = fields.requiredEmail("email")
        password = fields.requiredString("password")
        token = fields.requiredString("token")
    }
}

/// `POST /store/orders/batch/customer/token`
public struct StorePostCustomersCustomerOrderClaimReq: MedusaRequestBody, Hashable {
    public var orderIDs: [String]

    public init(fields: inout MedusaRequestFields) {
        orderIDs = fields.requiredStringArray("order_ids")
    }
}

/// `POST /store/orders/customer/confirm`
public struct StorePostCustomersCustomerAcceptClaimReq: MedusaRequestBody, Hashable {
    public var token: String

    public init(fields: inout MedusaRequestFields) {
        token = fields.requiredString("token", notEmpty: true)
    }
}
