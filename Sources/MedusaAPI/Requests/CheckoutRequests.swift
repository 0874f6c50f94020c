/// `POST /store/carts/{id}/shipping-methods`
public struct StorePostCartsCartShippingMethodReq: MedusaRequestBody, Hashable {
    public var optionID: String
    /// Passed to the fulfillment provider; `{}` when absent.
    public var data: JSONObject

    public init(optionID: String, data: JSONObject = [:]) {
        self.optionID = optionID
        self.data = data
    }

    public init(fields: inout MedusaRequestFields) {
        optionID = fields.requiredString("option_id")
        data = fields.optionalObject("data") ?? [:]
    }
}

/// `POST /store/carts/{id}/payment-session`: select a provider's session.
public struct StorePostCartsCartPaymentSessionReq: MedusaRequestBody, Hashable {
    public var providerID: String

    public init(providerID: String) {
        self.providerID = providerID
    }

    public init(fields: inout MedusaRequestFields) {
        providerID = fields.requiredString("provider_id")
    }
}

/// `POST /store/carts/{id}/payment-sessions/{provider_id}`: update the session's provider data
/// (for CartBridge, the card as a JWE).
public struct StorePostCartsCartPaymentSessionUpdateReq: MedusaRequestBody, Hashable {
    public var data: JSONObject

    public init(data: JSONObject) {
        self.data = data
    }

    public init(fields: inout MedusaRequestFields) {
        data = fields.requiredObject("data")
    }
}
