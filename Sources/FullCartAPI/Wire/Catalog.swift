import WireJSON

/// A catalog product (C1, reference §2.1).
public struct FullCartProduct: Codable, Sendable, Equatable {
    /// More tags than this on one product are dropped (an untrusted answer must not blow up the tag list).
    public static let maxTags = 50
    public var baseSKU: String?
    public var title: String
    public var handle: String
    public var description: String?
    public var productType: String?
    /// Discovery payloads carry them; a merchant that sends something other than strings sends none.
    public var tags: [String]
    public var pdpURL: String?
    public var domain: String?
    public var images: [FullCartImage]
    public var variantOptionValues: [FullCartVariantOption]
    public var variants: [FullCartVariant]

    public init(
        baseSKU: String? = nil, title: String, handle: String, description: String? = nil,
        productType: String? = nil, tags: [String] = [], pdpURL: String? = nil, domain: String? = nil, images: [FullCartImage] = [],
        variantOptionValues: [FullCartVariantOption] = [], variants: [FullCartVariant]
    ) {
        self.baseSKU = baseSKU
        self.title = title
        self.handle = handle
        self.description = description
        self.productType = productType
        self.tags = tags
        self.pdpURL = pdpURL
        self.domain = domain
        self.images = images
        self.variantOptionValues = variantOptionValues
        self.variants = variants
    }

    enum CodingKeys: String, CodingKey {
        case baseSKU = "base_sku"
        case title, handle, description
        case productType = "product_type"
        case tags
        case pdpURL = "pdp_url"
        case domain, images
        case variantOptionValues = "variant_option_values"
        case variants
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        baseSKU = try c.decodeIfPresent(String.self, forKey: .baseSKU)
        title = try c.decode(String.self, forKey: .title)
        handle = try c.decode(String.self, forKey: .handle)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        productType = try c.decodeIfPresent(String.self, forKey: .productType)
        tags = Array(((try? c.decodeIfPresent([String].self, forKey: .tags)) ?? []).prefix(Self.maxTags))
        pdpURL = try c.decodeIfPresent(String.self, forKey: .pdpURL)
        domain = try c.decodeIfPresent(String.self, forKey: .domain)
        images = try c.decodeIfPresent([FullCartImage].self, forKey: .images) ?? []
        variantOptionValues =
            try c.decodeIfPresent([FullCartVariantOption].self, forKey: .variantOptionValues) ?? []
        variants = try c.decodeIfPresent([FullCartVariant].self, forKey: .variants) ?? []
    }
}

public struct FullCartVariantOption: Codable, Sendable, Equatable {
    public var displayName: String
    public var propertyAccessor: String
    public var position: Int?
    public var optionValues: [FullCartOptionValue]

    public init(displayName: String, propertyAccessor: String, position: Int?, optionValues: [FullCartOptionValue]) {
        self.displayName = displayName
        self.propertyAccessor = propertyAccessor
        self.position = position
        self.optionValues = optionValues
    }

    enum CodingKeys: String, CodingKey {
        case displayName = "display_name"
        case propertyAccessor = "property_accessor"
        case position
        case optionValues = "option_values"
    }
}

public struct FullCartOptionValue: Codable, Sendable, Equatable {
    public var displayName: String?
    public var value: String
    public var available: Bool?

    public init(displayName: String?, value: String, available: Bool? = nil) {
        self.displayName = displayName
        self.value = value
        self.available = available
    }

    enum CodingKeys: String, CodingKey {
        case displayName = "display_name"
        case value, available
    }
}

/// `add_to_cart_ref`: passed back to add-line-item verbatim, whatever keys the merchant put in it.
public struct FullCartAddToCartRef: Codable, Sendable, Hashable {
    public var fields: [String: JSONValue]

    public init(variantID: String) { fields = ["variant_id": .string(variantID)] }

    public init(fields: [String: JSONValue]) { self.fields = fields }

    public var variantID: String? { fields["variant_id"]?.stringValue }

    public init(from decoder: any Decoder) throws {
        fields = try decoder.singleValueContainer().decode([String: JSONValue].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(fields)
    }
}

public struct FullCartVariant: Codable, Sendable, Equatable {
    public var handle: String?
    public var sku: String
    public var title: String?
    public var displayName: String?
    public var addToCartRef: FullCartAddToCartRef
    public var price: FullCartMoney
    public var msrp: FullCartMoney?
    public var available: Bool
    public var variantOptionList: [String]
    public var option1: String?
    public var option2: String?
    public var option3: String?
    public var images: [FullCartImage]
    public var weight: Double?

    public init(
        handle: String? = nil, sku: String, title: String? = nil, displayName: String? = nil,
        addToCartRef: FullCartAddToCartRef, price: FullCartMoney, msrp: FullCartMoney? = nil, available: Bool,
        variantOptionList: [String] = [], option1: String? = nil, option2: String? = nil, option3: String? = nil,
        images: [FullCartImage] = [], weight: Double? = nil
    ) {
        self.handle = handle
        self.sku = sku
        self.title = title
        self.displayName = displayName
        self.addToCartRef = addToCartRef
        self.price = price
        self.msrp = msrp
        self.available = available
        self.variantOptionList = variantOptionList
        self.option1 = option1
        self.option2 = option2
        self.option3 = option3
        self.images = images
        self.weight = weight
    }

    enum CodingKeys: String, CodingKey {
        case handle, sku, title
        case displayName = "display_name"
        case addToCartRef = "add_to_cart_ref"
        case price, msrp, available
        case variantOptionList = "variant_option_list"
        case option1, option2, option3, images, weight
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        handle = try c.decodeIfPresent(String.self, forKey: .handle)
        sku = try c.decode(String.self, forKey: .sku)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        displayName = try c.decodeIfPresent(String.self, forKey: .displayName)
        addToCartRef =
            try c.decodeIfPresent(FullCartAddToCartRef.self, forKey: .addToCartRef)
            ?? FullCartAddToCartRef(variantID: sku)
        price = try c.decode(FullCartMoney.self, forKey: .price)
        msrp = try c.decodeIfPresent(FullCartMoney.self, forKey: .msrp)
        available = try c.decodeIfPresent(Bool.self, forKey: .available) ?? true
        variantOptionList = try c.decodeIfPresent([String].self, forKey: .variantOptionList) ?? []
        option1 = try c.decodeIfPresent(String.self, forKey: .option1)
        option2 = try c.decodeIfPresent(String.self, forKey: .option2)
        option3 = try c.decodeIfPresent(String.self, forKey: .option3)
        images = try c.decodeIfPresent([FullCartImage].self, forKey: .images) ?? []
        weight = try c.decodeIfPresent(Double.self, forKey: .weight)
    }
}

/// An entry of the product list (C2): `{loc, handle, title, image}`.
public struct FullCartProductSummary: Codable, Sendable, Equatable {
    public var loc: String?
    public var handle: String
    public var title: String
    public var image: FullCartImage?

    public init(loc: String?, handle: String, title: String, image: FullCartImage?) {
        self.loc = loc
        self.handle = handle
        self.title = title
        self.image = image
    }
}
