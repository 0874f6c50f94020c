/// The v2 cart ("ShoppingCart", reference §3.1). A submitted cart is also the order (complete-order's answer).
///
/// Decoding is tolerant: unknown fields are ignored, absent lists decode as empty, and the older or
/// alternative spellings the reference lists (notices as strings, coupons as objects) are accepted.
public struct FullCartCart: Codable, Sendable, Equatable {
    public var cartID: String
    public var platformID: String?
    public var shopID: String?
    public var displayName: String?
    public var status: FullCartCartStatus
    public var lineItems: [FullCartLineItem]
    public var shipments: [FullCartShipment]
    public var addons: FullCartAddons
    public var subTotal: FullCartMoney?
    public var shippingTotal: FullCartMoney?
    public var taxTotal: FullCartMoney?
    public var addonTotal: FullCartMoney?
    public var cartDiscount: FullCartMoney?
    public var total: FullCartMoney?
    public var coupons: [String]
    public var shippingInfo: FullCartAddress?
    public var billingInfo: FullCartAddress?
    public var paymentMethodOptions: [FullCartPaymentMethodOption]
    public var notices: [FullCartNotice]
    public var schemaVersion: String?
    public var platformOrderNumber: String?
    public var submittedAt: String?
    public var urls: FullCartOrderURLs?
    public var paymentSummary: FullCartPaymentSummary?

    public init(
        cartID: String, platformID: String? = nil, shopID: String? = nil, displayName: String? = nil,
        status: FullCartCartStatus = .active, lineItems: [FullCartLineItem] = [],
        shipments: [FullCartShipment] = [], addons: FullCartAddons = FullCartAddons(),
        subTotal: FullCartMoney? = nil, shippingTotal: FullCartMoney? = nil, taxTotal: FullCartMoney? = nil,
        addonTotal: FullCartMoney? = nil, cartDiscount: FullCartMoney? = nil, total: FullCartMoney? = nil,
        coupons: [String] = [], shippingInfo: FullCartAddress? = nil, billingInfo: FullCartAddress? = nil,
        paymentMethodOptions: [FullCartPaymentMethodOption] = [], notices: [FullCartNotice] = [],
        schemaVersion: String? = "2.0", platformOrderNumber: String? = nil, submittedAt: String? = nil,
        urls: FullCartOrderURLs? = nil, paymentSummary: FullCartPaymentSummary? = nil
    ) {
        self.cartID = cartID
        self.platformID = platformID
        self.shopID = shopID
        self.displayName = displayName
        self.status = status
        self.lineItems = lineItems
        self.shipments = shipments
        self.addons = addons
        self.subTotal = subTotal
        self.shippingTotal = shippingTotal
        self.taxTotal = taxTotal
        self.addonTotal = addonTotal
        self.cartDiscount = cartDiscount
        self.total = total
        self.coupons = coupons
        self.shippingInfo = shippingInfo
        self.billingInfo = billingInfo
        self.paymentMethodOptions = paymentMethodOptions
        self.notices = notices
        self.schemaVersion = schemaVersion
        self.platformOrderNumber = platformOrderNumber
        self.submittedAt = submittedAt
        self.urls = urls
        self.paymentSummary = paymentSummary
    }

    enum CodingKeys: String, CodingKey {
        case cartID = "cart_id"
        case platformID = "platform_id"
        case shopID = "shop_id"
        case displayName = "display_name"
        case status = "cart_status"
        case lineItems = "line_items"
        case shipments, addons
        case subTotal = "sub_total"
        case shippingTotal = "shipping_total"
        case taxTotal = "tax_total"
        case addonTotal = "addon_total"
        case cartDiscount = "cart_discount"
        case total, coupons
        case shippingInfo = "shipping_info"
        case billingInfo = "billing_info"
        case paymentMethodOptions = "payment_method_options"
        case notices
        case schemaVersion = "schema_version"
        case platformOrderNumber = "platform_order_number"
        case submittedAt = "submitted_at"
        case urls
        case paymentSummary = "payment_summary"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        cartID = try c.decode(String.self, forKey: .cartID)
        platformID = try c.decodeIfPresent(String.self, forKey: .platformID)
        shopID = try c.decodeIfPresent(String.self, forKey: .shopID)
        displayName = try c.decodeIfPresent(String.self, forKey: .displayName)
        status = try c.decodeIfPresent(FullCartCartStatus.self, forKey: .status) ?? .active
        lineItems = try c.decodeIfPresent([FullCartLineItem].self, forKey: .lineItems) ?? []
        shipments = try c.decodeIfPresent([FullCartShipment].self, forKey: .shipments) ?? []
        addons = try c.decodeIfPresent(FullCartAddons.self, forKey: .addons) ?? FullCartAddons()
        subTotal = try c.decodeIfPresent(FullCartMoney.self, forKey: .subTotal)
        shippingTotal = try c.decodeIfPresent(FullCartMoney.self, forKey: .shippingTotal)
        taxTotal = try c.decodeIfPresent(FullCartMoney.self, forKey: .taxTotal)
        addonTotal = try c.decodeIfPresent(FullCartMoney.self, forKey: .addonTotal)
        cartDiscount = try c.decodeIfPresent(FullCartMoney.self, forKey: .cartDiscount)
        total = try c.decodeIfPresent(FullCartMoney.self, forKey: .total)
        coupons = try c.decodeIfPresent([FullCartCoupon].self, forKey: .coupons)?.map(\.code) ?? []
        shippingInfo = try c.decodeIfPresent(FullCartAddress.self, forKey: .shippingInfo)
        billingInfo = try c.decodeIfPresent(FullCartAddress.self, forKey: .billingInfo)
        paymentMethodOptions =
            try c.decodeIfPresent([FullCartPaymentMethodOption].self, forKey: .paymentMethodOptions) ?? []
        notices = try c.decodeIfPresent([FullCartNotice].self, forKey: .notices) ?? []
        schemaVersion = try c.decodeIfPresent(String.self, forKey: .schemaVersion)
        platformOrderNumber = try c.decodeIfPresent(String.self, forKey: .platformOrderNumber)
        submittedAt = try c.decodeIfPresent(String.self, forKey: .submittedAt)
        urls = try c.decodeIfPresent(FullCartOrderURLs.self, forKey: .urls)
        paymentSummary = try c.decodeIfPresent(FullCartPaymentSummary.self, forKey: .paymentSummary)
    }
}

/// `cart_status`; unknown values are kept rather than rejected.
public struct FullCartCartStatus: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
    public var description: String { rawValue }

    public static let active = FullCartCartStatus(rawValue: "active")
    public static let submitted = FullCartCartStatus(rawValue: "submitted")
    public static let itemNotShippable = FullCartCartStatus(rawValue: "item_not_shippable")
    public static let checkoutBlocked = FullCartCartStatus(rawValue: "checkout_blocked")
}

public struct FullCartLineItem: Codable, Sendable, Equatable {
    public var lineItemID: String
    public var platformLineItemID: String?
    public var sku: String?
    public var variantID: String?
    public var baseSKU: String?
    public var description: String?
    public var variantDescription: String?
    public var quantity: Int
    public var price: FullCartMoney
    public var linePrice: FullCartMoney
    public var msrp: FullCartMoney?
    public var image: FullCartImage?
    public var requiresShipping: Bool?
    public var lineDiscount: FullCartMoney?

    public init(
        lineItemID: String, platformLineItemID: String? = nil, sku: String? = nil, variantID: String? = nil,
        baseSKU: String? = nil, description: String? = nil, variantDescription: String? = nil, quantity: Int,
        price: FullCartMoney, linePrice: FullCartMoney, msrp: FullCartMoney? = nil, image: FullCartImage? = nil,
        requiresShipping: Bool? = true, lineDiscount: FullCartMoney? = nil
    ) {
        self.lineItemID = lineItemID
        self.platformLineItemID = platformLineItemID
        self.sku = sku
        self.variantID = variantID
        self.baseSKU = baseSKU
        self.description = description
        self.variantDescription = variantDescription
        self.quantity = quantity
        self.price = price
        self.linePrice = linePrice
        self.msrp = msrp
        self.image = image
        self.requiresShipping = requiresShipping
        self.lineDiscount = lineDiscount
    }

    enum CodingKeys: String, CodingKey {
        case lineItemID = "line_item_id"
        case platformLineItemID = "platform_line_item_id"
        case sku
        case variantID = "variant_id"
        case baseSKU = "base_sku"
        case description
        case variantDescription = "variant_description"
        case quantity, price
        case linePrice = "line_price"
        case msrp, image
        case requiresShipping = "requires_shipping"
        case lineDiscount = "line_discount"
    }
}

public struct FullCartImage: Codable, Sendable, Equatable {
    public var url: String
    public var alt: String?
    public var type: String?

    public init(url: String, alt: String? = nil, type: String? = nil) {
        self.url = url
        self.alt = alt
        self.type = type
    }

    enum CodingKeys: String, CodingKey { case url, src, alt, type }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // One documented example spells the key `src`.
        url = try c.decodeIfPresent(String.self, forKey: .url) ?? c.decode(String.self, forKey: .src)
        alt = try c.decodeIfPresent(String.self, forKey: .alt)
        type = try c.decodeIfPresent(String.self, forKey: .type)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(url, forKey: .url)
        try c.encodeIfPresent(alt, forKey: .alt)
        try c.encodeIfPresent(type, forKey: .type)
    }
}

public struct FullCartShipment: Codable, Sendable, Equatable {
    public var shipmentID: String
    public var lineItemIDs: [String]
    public var fulfillmentType: FullCartFulfillmentType?
    public var fulfillmentTypeOptions: [FullCartFulfillmentType]
    public var shippingMethodOptions: [FullCartShippingMethod]
    public var shippingMethod: FullCartShippingMethod?
    public var notes: String?
    public var selectedDate: String?

    public init(
        shipmentID: String, lineItemIDs: [String], fulfillmentType: FullCartFulfillmentType? = nil,
        fulfillmentTypeOptions: [FullCartFulfillmentType] = [], shippingMethodOptions: [FullCartShippingMethod] = [],
        shippingMethod: FullCartShippingMethod? = nil, notes: String? = nil, selectedDate: String? = nil
    ) {
        self.shipmentID = shipmentID
        self.lineItemIDs = lineItemIDs
        self.fulfillmentType = fulfillmentType
        self.fulfillmentTypeOptions = fulfillmentTypeOptions
        self.shippingMethodOptions = shippingMethodOptions
        self.shippingMethod = shippingMethod
        self.notes = notes
        self.selectedDate = selectedDate
    }

    enum CodingKeys: String, CodingKey {
        case shipmentID = "shipment_id"
        case lineItemIDs = "line_item_ids"
        case fulfillmentType = "fulfillment_type"
        case fulfillmentTypeOptions = "fulfillment_type_options"
        case shippingMethodOptions = "shipping_method_options"
        case shippingMethod = "shipping_method"
        case notes
        case selectedDate = "selected_date"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        shipmentID = try c.decode(String.self, forKey: .shipmentID)
        lineItemIDs = try c.decodeIfPresent([String].self, forKey: .lineItemIDs) ?? []
        fulfillmentType = try c.decodeIfPresent(FullCartFulfillmentType.self, forKey: .fulfillmentType)
        fulfillmentTypeOptions =
            try c.decodeIfPresent([FullCartFulfillmentType].self, forKey: .fulfillmentTypeOptions) ?? []
        shippingMethodOptions =
            try c.decodeIfPresent([FullCartShippingMethod].self, forKey: .shippingMethodOptions) ?? []
        shippingMethod = try c.decodeIfPresent(FullCartShippingMethod.self, forKey: .shippingMethod)
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
        selectedDate = try c.decodeIfPresent(String.self, forKey: .selectedDate)
    }
}

public struct FullCartFulfillmentType: Codable, Sendable, Equatable {
    public var id: String
    public var name: String?
    public var description: String?

    public init(id: String, name: String? = nil, description: String? = nil) {
        self.id = id
        self.name = name
        self.description = description
    }
}

public struct FullCartShippingMethod: Codable, Sendable, Equatable {
    public var id: String
    public var description: String?
    public var price: FullCartMoney
    public var estimatedDelivery: String?

    public init(id: String, description: String? = nil, price: FullCartMoney, estimatedDelivery: String? = nil) {
        self.id = id
        self.description = description
        self.price = price
        self.estimatedDelivery = estimatedDelivery
    }

    enum CodingKeys: String, CodingKey {
        case id, sku, description, price
        case estimatedDelivery = "estimated_delivery"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // v1 carts key shipping methods by `sku`.
        id = try c.decodeIfPresent(String.self, forKey: .id) ?? c.decode(String.self, forKey: .sku)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        price = try c.decode(FullCartMoney.self, forKey: .price)
        estimatedDelivery = try c.decodeIfPresent(String.self, forKey: .estimatedDelivery)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(description, forKey: .description)
        try c.encode(price, forKey: .price)
        try c.encodeIfPresent(estimatedDelivery, forKey: .estimatedDelivery)
    }
}

public struct FullCartAddons: Codable, Sendable, Equatable {
    public var offers: [FullCartAddonOffer]
    public var selections: [FullCartAddonSelection]

    public init(offers: [FullCartAddonOffer] = [], selections: [FullCartAddonSelection] = []) {
        self.offers = offers
        self.selections = selections
    }

    enum CodingKeys: String, CodingKey { case offers, selections }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        offers = try c.decodeIfPresent([FullCartAddonOffer].self, forKey: .offers) ?? []
        selections = try c.decodeIfPresent([FullCartAddonSelection].self, forKey: .selections) ?? []
    }
}

/// An addon offer. `required` is not in the reference (which says required addons exist but names no field);
/// CartBridge and its simulator use `required: true`.
public struct FullCartAddonOffer: Codable, Sendable, Equatable {
    public var addonID: String
    public var display: FullCartAddonDisplay?
    public var scope: String
    public var coverageMode: String?
    public var eligibleLineItemIDs: [String]?
    public var price: FullCartMoney?
    public var lineItemPricing: [String: FullCartMoney]?
    public var required: Bool?
    public var childOffers: [FullCartAddonOffer]?

    public init(
        addonID: String, display: FullCartAddonDisplay? = nil, scope: String, coverageMode: String? = nil,
        eligibleLineItemIDs: [String]? = nil, price: FullCartMoney? = nil,
        lineItemPricing: [String: FullCartMoney]? = nil, required: Bool? = nil,
        childOffers: [FullCartAddonOffer]? = nil
    ) {
        self.addonID = addonID
        self.display = display
        self.scope = scope
        self.coverageMode = coverageMode
        self.eligibleLineItemIDs = eligibleLineItemIDs
        self.price = price
        self.lineItemPricing = lineItemPricing
        self.required = required
        self.childOffers = childOffers
    }

    enum CodingKeys: String, CodingKey {
        case addonID = "addon_id"
        case display, scope
        case coverageMode = "coverage_mode"
        case eligibleLineItemIDs = "eligible_line_item_ids"
        case price
        case lineItemPricing = "line_item_pricing"
        case required
        case childOffers = "child_offers"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        addonID = try c.decode(String.self, forKey: .addonID)
        display = try c.decodeIfPresent(FullCartAddonDisplay.self, forKey: .display)
        scope = try c.decodeIfPresent(String.self, forKey: .scope) ?? "CART"
        coverageMode = try c.decodeIfPresent(String.self, forKey: .coverageMode)
        eligibleLineItemIDs = try c.decodeIfPresent([String].self, forKey: .eligibleLineItemIDs)
        price = try c.decodeIfPresent(FullCartMoney.self, forKey: .price)
        // The reference truncates this value's shape; keep it only when it is a map of money objects.
        lineItemPricing = try? c.decodeIfPresent([String: FullCartMoney].self, forKey: .lineItemPricing)
        required = try c.decodeIfPresent(Bool.self, forKey: .required)
        childOffers = try c.decodeIfPresent([FullCartAddonOffer].self, forKey: .childOffers)
    }
}

public struct FullCartAddonDisplay: Codable, Sendable, Equatable {
    public var name: String
    public var description: String?

    public init(name: String, description: String? = nil) {
        self.name = name
        self.description = description
    }
}

public struct FullCartAddonSelection: Codable, Sendable, Equatable {
    public var addonID: String
    public var selectedLineItemIDs: [String]?
    public var selectedChildIDs: [String]?
    public var price: FullCartMoney?

    public init(
        addonID: String, selectedLineItemIDs: [String]? = nil, selectedChildIDs: [String]? = nil,
        price: FullCartMoney? = nil
    ) {
        self.addonID = addonID
        self.selectedLineItemIDs = selectedLineItemIDs
        self.selectedChildIDs = selectedChildIDs
        self.price = price
    }

    enum CodingKeys: String, CodingKey {
        case addonID = "addon_id"
        case selectedLineItemIDs = "selected_line_item_ids"
        case selectedChildIDs = "selected_child_ids"
        case price
    }
}

/// A cart notice. The reference gives codes but no shape: objects `{code, message?, line_item_id?}` are
/// emitted, and plain strings (the v1 form) are accepted.
public struct FullCartNotice: Codable, Sendable, Equatable {
    public var code: String
    public var message: String?
    public var lineItemID: String?

    public init(code: String, message: String? = nil, lineItemID: String? = nil) {
        self.code = code
        self.message = message
        self.lineItemID = lineItemID
    }

    enum CodingKeys: String, CodingKey {
        case code, message
        case lineItemID = "line_item_id"
    }

    public init(from decoder: any Decoder) throws {
        if let code = try? decoder.singleValueContainer().decode(String.self) {
            self.init(code: code)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            code: try c.decode(String.self, forKey: .code),
            message: try c.decodeIfPresent(String.self, forKey: .message),
            lineItemID: try c.decodeIfPresent(String.self, forKey: .lineItemID))
    }
}

/// A `coupons` element: a string, or an object carrying `code`.
struct FullCartCoupon: Decodable {
    let code: String

    enum CodingKeys: String, CodingKey { case code }

    init(from decoder: any Decoder) throws {
        if let code = try? decoder.singleValueContainer().decode(String.self) {
            self.code = code
        } else {
            code = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .code)
        }
    }
}

public struct FullCartPaymentMethodOption: Codable, Sendable, Equatable {
    public var type: String
    public var wallet: String?

    public init(type: String, wallet: String? = nil) {
        self.type = type
        self.wallet = wallet
    }
}

public struct FullCartOrderURLs: Codable, Sendable, Equatable {
    public var thankYouPage: String?

    public init(thankYouPage: String?) { self.thankYouPage = thankYouPage }

    enum CodingKeys: String, CodingKey { case thankYouPage = "thank_you_page" }
}

/// What a submitted order says about the card: never more than brand, last four and expiry.
public struct FullCartPaymentSummary: Codable, Sendable, Equatable {
    public var paymentType: String?
    public var lastFour: String?
    public var cardType: String?
    public var month: Int?
    public var year: Int?

    public init(paymentType: String?, lastFour: String?, cardType: String?, month: Int?, year: Int?) {
        self.paymentType = paymentType
        self.lastFour = lastFour
        self.cardType = cardType
        self.month = month
        self.year = year
    }

    enum CodingKeys: String, CodingKey {
        case paymentType = "payment_type"
        case lastFour = "last_four"
        case cardType = "card_type"
        case month, year
    }
}
