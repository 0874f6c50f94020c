import Foundation

/// A product (`prod_...`), generic over how its variants are shaped:
/// `PricedProduct` for the products routes, `ProductColumns` where Medusa nests a product without
/// its variants (a line item's `variant.product`).
public struct Product<Variant: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    @Nullable public var subtitle: String?
    @Nullable public var description: String?
    @Nullable public var handle: String?
    public var isGiftcard: Bool
    public var status: ProductStatus
    public var images: [ProductImage]
    @Nullable public var thumbnail: String?
    public var options: [ProductOption]
    public var variants: [Variant]
    public var profileID: String
    /// Left out when `nil`; carts load it for their items' products.
    public var profiles: [ShippingProfile]?
    @Nullable public var weight: Double?
    @Nullable public var length: Double?
    @Nullable public var height: Double?
    @Nullable public var width: Double?
    @Nullable public var hsCode: String?
    @Nullable public var originCountry: String?
    @Nullable public var midCode: String?
    @Nullable public var material: String?
    @Nullable public var collectionID: String?
    @Nullable public var collection: ProductCollection?
    @Nullable public var typeID: String?
    @Nullable public var type: ProductType?
    public var tags: [ProductTag]
    public var discountable: Bool
    @Nullable public var externalID: String?
    public var createdAt: Date
    public var updatedAt: Date
    @Nullable public var deletedAt: Date?
    @Nullable public var metadata: JSONObject?

    public init(
        id: String,
        title: String,
        subtitle: String? = nil,
        description: String? = nil,
        handle: String?,
        isGiftcard: Bool = false,
        status: ProductStatus = .published,
        images: [ProductImage] = [],
        thumbnail: String? = nil,
        options: [ProductOption] = [],
        variants: [Variant],
        profileID: String,
        profiles: [ShippingProfile]? = nil,
        collection: ProductCollection? = nil,
        type: ProductType? = nil,
        tags: [ProductTag] = [],
        discountable: Bool = true,
        externalID: String? = nil,
        metadata: JSONObject? = nil,
        createdAt: Date,
        updatedAt: Date? = nil
    ) {
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.description = description
        self.handle = handle
        self.isGiftcard = isGiftcard
        self.status = status
        self.images = images
        self.thumbnail = thumbnail
        self.options = options
        self.variants = variants
        self.profileID = profileID
        self.profiles = profiles
        self.weight = nil
        self.length = nil
        self.height = nil
        self.width = nil
        self.hsCode = nil
        self.originCountry = nil
        self.midCode = nil
        self.material = nil
        self.collectionID = collection?.id
        self.collection = collection
        self.typeID = type?.id
        self.type = type
        self.tags = tags
        self.discountable = discountable
        self.externalID = externalID
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.deletedAt = nil
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case id
        case title
        case subtitle
        case description
        case handle
        case isGiftcard = "is_giftcard"
        case status
        case images
        case thumbnail
        case options
        case variants
        case profileID = "profile_id"
        case profiles
        case weight
        case length
        case height
        case width
        case hsCode = "hs_code"
        case originCountry = "origin_country"
        case midCode = "mid_code"
        case material
        case collectionID = "collection_id"
        case collection
        case typeID = "type_id"
        case type
        case tags
        case discountable
        case externalID = "external_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case deletedAt = "deleted_at"
        case metadata
    }
}

/// Outside `Product` so that products with different variant types share it.
public enum ProductStatus: String, Codable, Hashable, Sendable {
    case draft
    case proposed
    case published
    case rejected
}

/// `PricedProduct`: a product whose variants carry prices for the request's region or currency.
public typealias PricedProduct = Product<PricedVariant>

/// A product nested without its variants; its `variants` list is always empty.
public typealias ProductColumns = Product<Never>

/// An option such as "Size", with the values its variants take.
public struct ProductOption: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    public var values: [ProductOptionValue]
    public var productID: String
    public var createdAt: Date
    public var updatedAt: Date
    @Nullable public var deletedAt: Date?
    @Nullable public var metadata: JSONObject?

    public init(
        id: String, title: String, values: [ProductOptionValue], productID: String,
        metadata: JSONObject? = nil, createdAt: Date, updatedAt: Date? = nil
    ) {
        self.id = id
        self.title = title
        self.values = values
        self.productID = productID
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.deletedAt = nil
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case id
        case title
        case values
        case productID = "product_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case deletedAt = "deleted_at"
        case metadata
    }
}

/// One variant's value for one option, e.g. "M" for "Size".
public struct ProductOptionValue: Codable, Hashable, Sendable {
    public var id: String
    public var value: String
    public var optionID: String
    public var variantID: String
    public var createdAt: Date
    public var updatedAt: Date
    @Nullable public var deletedAt: Date?
    @Nullable public var metadata: JSONObject?

    public init(
        id: String, value: String, optionID: String, variantID: String,
        metadata: JSONObject? = nil, createdAt: Date, updatedAt: Date? = nil
    ) {
        self.id = id
        self.value = value
        self.optionID = optionID
        self.variantID = variantID
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.deletedAt = nil
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case id
        case value
        case optionID = "option_id"
        case variantID = "variant_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case deletedAt = "deleted_at"
        case metadata
    }
}

/// The OAS `Image` schema.
public struct ProductImage: Codable, Hashable, Sendable {
    public var id: String
    public var url: String
    public var createdAt: Date
    public var updatedAt: Date
    @Nullable public var deletedAt: Date?
    @Nullable public var metadata: JSONObject?

    public init(id: String, url: String, metadata: JSONObject? = nil, createdAt: Date, updatedAt: Date? = nil) {
        self.id = id
        self.url = url
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.deletedAt = nil
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case id
        case url
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case deletedAt = "deleted_at"
        case metadata
    }
}

/// A `{id, value}` label on a product: the OAS `ProductTag` and `ProductType` have the same columns.
public struct ProductLabel: Codable, Hashable, Sendable {
    public var id: String
    public var value: String
    public var createdAt: Date
    public var updatedAt: Date
    @Nullable public var deletedAt: Date?
    @Nullable public var metadata: JSONObject?

    public init(id: String, value: String, metadata: JSONObject? = nil, createdAt: Date, updatedAt: Date? = nil) {
        self.id = id
        self.value = value
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.deletedAt = nil
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case id
        case value
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case deletedAt = "deleted_at"
        case metadata
    }
}

public typealias ProductTag = ProductLabel
public typealias ProductType = ProductLabel

public struct ProductCollection: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    @Nullable public var handle: String?
    public var createdAt: Date
    public var updatedAt: Date
    @Nullable public var deletedAt: Date?
    @Nullable public var metadata: JSONObject?

    public init(
        id: String, title: String, handle: String?, metadata: JSONObject? = nil, createdAt: Date,
        updatedAt: Date? = nil
    ) {
        self.id = id
        self.title = title
        self.handle = handle
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.deletedAt = nil
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case id
        case title
        case handle
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case deletedAt = "deleted_at"
        case metadata
    }
}

/// Groups products that ship together; CartBridge gives each merchant shipment its own profile.
public struct ShippingProfile: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable {
        case `default`
        case giftCard = "gift_card"
        case custom
    }

    public var id: String
    public var name: String
    public var type: Kind
    public var createdAt: Date
    public var updatedAt: Date
    @Nullable public var deletedAt: Date?
    @Nullable public var metadata: JSONObject?

    public init(
        id: String, name: String, type: Kind = .default, metadata: JSONObject? = nil, createdAt: Date,
        updatedAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.deletedAt = nil
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case id
        case name
        case type
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case deletedAt = "deleted_at"
        case metadata
    }
}

extension Product {
    /// The same product with other variants: e.g. `ProductColumns` to `PricedProduct`.
    public func withVariants<Other>(_ variants: [Other]) -> Product<Other> {
        var product = Product<Other>(
            id: id, title: title, subtitle: subtitle, description: description, handle: handle,
            isGiftcard: isGiftcard, status: status, images: images, thumbnail: thumbnail, options: options,
            variants: variants, profileID: profileID, profiles: profiles, collection: collection, type: type,
            tags: tags, discountable: discountable, externalID: externalID, metadata: metadata,
            createdAt: createdAt, updatedAt: updatedAt)
        product.weight = weight
        product.length = length
        product.height = height
        product.width = width
        product.hsCode = hsCode
        product.originCountry = originCountry
        product.midCode = midCode
        product.material = material
        product.collectionID = collectionID
        product.typeID = typeID
        product.deletedAt = deletedAt
        return product
    }
}
