/// `POST /store/carts/{id}/line-items`
public struct StorePostCartsCartLineItemsReq: MedusaRequestBody, Hashable {
    public var variantID: String
    public var quantity: Int
    public var metadata: JSONObject?

    public init(variantID: String, quantity: Int, metadata: JSONObject? = nil) {
        self.variantID = variantID
        self.quantity = quantity
        self.metadata = metadata
    }

    public init(fields: inout MedusaRequestFields) {
        variantID = fields.requiredString("variant_id")
        quantity = fields.quantity("quantity", minimum: 1)
        metadata = fields.optionalStoredObject("metadata")
    }
}

/// `POST /store/carts/{id}/line-items/{line_id}`. `quantity: 0` removes the line.
public struct StorePostCartsCartLineItemsItemReq: MedusaRequestBody, Hashable {
    public var quantity: Int
    public var metadata: JSONObject?

    public init(quantity: Int, metadata: JSONObject? = nil) {
        self.quantity = quantity
        self.metadata = metadata
    }

    public init(fields: inout MedusaRequestFields) {
        quantity = fields.quantity("quantity", minimum: 0)
        metadata = fields.optionalStoredObject("metadata")
    }
}
