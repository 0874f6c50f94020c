/// `POST /store/carts`. Every property is optional.
public struct StorePostCartReq: MedusaRequestBody, Hashable {
    public struct Item: MedusaRequestBody, Hashable {
        public var variantID: String
        public var quantity: Int

        public init(variantID: String, quantity: Int) {
            self.variantID = variantID
            self.quantity = quantity
        }

        public init(fields: inout MedusaRequestFields) {
            variantID = fields.requiredString("variant_id", notEmpty: true)
            quantity = fields.quantity("quantity", minimum: 1, notEmpty: true)
        }
    }

    public var regionID: String?
    /// Becomes the shipping address's (lower-cased) country.
    public var countryCode: String?
    public var items: [Item]?
    /// Merged over the `ip` and `user_agent` the server fills in.
    public var context: JSONObject?
    public var salesChannelID: String?

    public init(
        regionID: String? = nil, countryCode: String? = nil, items: [Item]? = nil, context: JSONObject? = nil,
        salesChannelID: String? = nil
    ) {
        self.regionID = regionID
        self.countryCode = countryCode
        self.items = items
        self.context = context
        self.salesChannelID = salesChannelID
    }

    public init(fields: inout MedusaRequestFields) {
        regionID = fields.optionalString("region_id")
        countryCode = fields.optionalString("country_code")
        items = fields.optionalNestedArray("items", of: Item.self)
        context = fields.optionalStoredObject("context")
        salesChannelID = fields.optionalString("sales_channel_id")
    }
}

/// `POST /store/carts/{id}`. Every property is optional; unlike the admin route there is no
/// `metadata`, so sending it is an unknown property.
public struct StorePostCartsCartReq: MedusaRequestBody, Hashable {
    /// `{code}` of a gift card or discount.
    public struct Code: MedusaRequestBody, Hashable {
        public var code: String

        public init(code: String) {
            self.code = code
        }

        public init(fields: inout MedusaRequestFields) {
            code = fields.requiredString("code")
        }
    }

    public var regionID: String?
    public var countryCode: String?
    public var email: String?
    /// Medusa ignores `null` here: a billing address cannot be cleared.
    public var billingAddress: FieldUpdate<AddressInput>?
    /// `null` clears the shipping address.
    public var shippingAddress: FieldUpdate<AddressInput>?
    /// Replaces the cart's gift cards.
    public var giftCards: [Code]?
    /// Replaces the cart's discounts; an empty list removes them all.
    public var discounts: [Code]?
    public var customerID: String?
    public var context: JSONObject?
    public var salesChannelID: String?

    public init(
        regionID: String? = nil,
        countryCode: String? = nil,
        email: String? = nil,
        billingAddress: FieldUpdate<AddressInput>? = nil,
        shippingAddress: FieldUpdate<AddressInput>? = nil,
        giftCards: [Code]? = nil,
        discounts: [Code]? = nil,
        customerID: String? = nil,
        context: JSONObject? = nil,
        salesChannelID: String? = nil
    ) {
        self.regionID = regionID
        self.countryCode = countryCode
        self.email = email
        self.billingAddress = billingAddress
        self.shippingAddress = shippingAddress
        self.giftCards = giftCards
        self.discounts = discounts
        self.customerID = customerID
        self.context = context
        self.salesChannelID = salesChannelID
    }

    public init(fields: inout MedusaRequestFields) {
        regionID = fields.optionalString("region_id")
        countryCode = fields.optionalString("country_code")
        email = fields.optionalEmail("email")
        billingAddress = fields.addressUpdate("billing_address")
        shippingAddress = fields.addressUpdate("shipping_address")
        giftCards = fields.optionalNestedArray("gift_cards", of: Code.self)
        discounts = fields.optionalNestedArray("discounts", of: Code.self)
        customerID = fields.optionalString("customer_id")
        context = fields.optionalStoredObject("context")
        salesChannelID = fields.optionalString("sales_channel_id")
    }
}
