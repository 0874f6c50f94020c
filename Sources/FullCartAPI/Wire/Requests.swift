/// Request bodies of the Full Cart endpoints the bridge uses (reference §2).

public struct FullCartAddLineItemRequest: Codable, Sendable, Equatable {
    public var addToCartRef: FullCartAddToCartRef
    public var quantity: Int

    public init(addToCartRef: FullCartAddToCartRef, quantity: Int) {
        self.addToCartRef = addToCartRef
        self.quantity = quantity
    }

    enum CodingKeys: String, CodingKey {
        case addToCartRef = "add_to_cart_ref"
        case quantity
    }
}

public struct FullCartUpdateLineItemRequest: Codable, Sendable, Equatable {
    public var quantity: Int

    public init(quantity: Int) { self.quantity = quantity }
}

public struct FullCartFulfillmentTypeRequest: Codable, Sendable, Equatable {
    public var shipmentID: String
    public var fulfillmentType: String
    public var locationID: String?

    public init(shipmentID: String, fulfillmentType: String, locationID: String? = nil) {
        self.shipmentID = shipmentID
        self.fulfillmentType = fulfillmentType
        self.locationID = locationID
    }

    enum CodingKeys: String, CodingKey {
        case shipmentID = "shipment_id"
        case fulfillmentType = "fulfillment_type"
        case locationID = "location_id"
    }
}

public struct FullCartShippingMethodRequest: Codable, Sendable, Equatable {
    public var shipmentID: String
    public var shippingMethodID: String
    public var notes: String?
    public var selectedDate: String?

    public init(shipmentID: String, shippingMethodID: String, notes: String? = nil, selectedDate: String? = nil) {
        self.shipmentID = shipmentID
        self.shippingMethodID = shippingMethodID
        self.notes = notes
        self.selectedDate = selectedDate
    }

    enum CodingKeys: String, CodingKey {
        case shipmentID = "shipment_id"
        case shippingMethodID = "shipping_method_id"
        case notes
        case selectedDate = "selected_date"
    }
}

public struct FullCartAddonsRequest: Codable, Sendable, Equatable {
    public var selections: [FullCartAddonSelection]

    public init(selections: [FullCartAddonSelection]) { self.selections = selections }
}

public struct FullCartRemoveAddonRequest: Codable, Sendable, Equatable {
    public var addonID: String
    public var deselectedLineItemID: String?
    public var deselectedChildID: String?

    public init(addonID: String, deselectedLineItemID: String? = nil, deselectedChildID: String? = nil) {
        self.addonID = addonID
        self.deselectedLineItemID = deselectedLineItemID
        self.deselectedChildID = deselectedChildID
    }

    enum CodingKeys: String, CodingKey {
        case addonID = "addon_id"
        case deselectedLineItemID = "deselected_line_item_id"
        case deselectedChildID = "deselected_child_id"
    }
}

public struct FullCartPromoCodesRequest: Codable, Sendable, Equatable {
    public var promoCodes: [String]

    public init(promoCodes: [String]) { self.promoCodes = promoCodes }

    enum CodingKeys: String, CodingKey { case promoCodes = "promo_codes" }
}

/// complete-order (O1). `encryptedCard` is a JWE for the merchant's current key; it never holds plaintext.
public struct FullCartCompleteOrderRequest: Codable, Sendable, Equatable, CustomStringConvertible {
    public var encryptedCard: String
    public var billingInfo: FullCartAddress
    public var captchaToken: String?

    public init(encryptedCard: String, billingInfo: FullCartAddress, captchaToken: String? = nil) {
        self.encryptedCard = encryptedCard
        self.billingInfo = billingInfo
        self.captchaToken = captchaToken
    }

    public var description: String { "FullCartCompleteOrderRequest(encrypted_card: <JWE>)" }

    enum CodingKeys: String, CodingKey {
        case encryptedCard = "encrypted_card"
        case billingInfo = "billing_info"
        case captchaToken = "captcha_token"
    }
}

/// Both error envelopes: `{code, error, description}` and the browser-session `{error, message}`.
public struct FullCartErrorBody: Codable, Sendable, Equatable {
    public var code: Int?
    public var error: String
    public var description: String?
    public var message: String?

    public init(code: Int?, error: String, description: String? = nil, message: String? = nil) {
        self.code = code
        self.error = error
        self.description = description
        self.message = message
    }

    public var text: String { description ?? message ?? error }
}
