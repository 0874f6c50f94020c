/// Response bodies of the store routes CartBridge serves, named after their OAS schemas.
/// Every route answers 200 and wraps its payload in one named key.

/// `GET /store/regions`
public struct StoreRegionsListRes: Codable, Hashable, Sendable {
    public var regions: [Region]
    public var count: Int
    public var offset: Int
    public var limit: Int

    public init(regions: [Region], count: Int? = nil, offset: Int = 0, limit: Int = 100) {
        self.regions = regions
        self.count = count ?? regions.count
        self.offset = offset
        self.limit = limit
    }
}

/// `GET /store/regions/{id}`
public struct StoreRegionsRes: Codable, Hashable, Sendable {
    public var region: Region

    public init(region: Region) {
        self.region = region
    }
}

/// `GET /store/products`
public struct StoreProductsListRes: Codable, Hashable, Sendable {
    public var products: [PricedProduct]
    public var count: Int
    public var offset: Int
    public var limit: Int

    public init(products: [PricedProduct], count: Int? = nil, offset: Int = 0, limit: Int = 100) {
        self.products = products
        self.count = count ?? products.count
        self.offset = offset
        self.limit = limit
    }
}

/// `GET /store/products/{id}`
public struct StoreProductsRes: Codable, Hashable, Sendable {
    public var product: PricedProduct

    public init(product: PricedProduct) {
        self.product = product
    }
}

/// `GET /store/variants`
public struct StoreVariantsListRes: Codable, Hashable, Sendable {
    public var variants: [PricedVariant]

    public init(variants: [PricedVariant]) {
        self.variants = variants
    }
}

/// `GET /store/variants/{id}`
public struct StoreVariantsRes: Codable, Hashable, Sendable {
    public var variant: PricedVariant

    public init(variant: PricedVariant) {
        self.variant = variant
    }
}

/// Every cart route except completion and `POST .../payment-sessions`.
public struct StoreCartsRes: Codable, Hashable, Sendable {
    public var cart: Cart

    public init(cart: Cart) {
        self.cart = cart
    }
}

/// `POST /store/carts/{id}/payment-sessions`: Medusa sends the cart twice, under `cart` and
/// `data` (its idempotency record stores `{cart}` and the handler copies it). Clients read `cart`.
public struct StoreCartPaymentSessionsRes: Codable, Hashable, Sendable {
    public var cart: Cart
    public var data: Cart

    public init(cart: Cart) {
        self.cart = cart
        self.data = cart
    }
}

/// `GET /store/shipping-options/{cart_id}`
public struct StoreCartShippingOptionsListRes: Codable, Hashable, Sendable {
    public var shippingOptions: [PricedShippingOption]

    public init(shippingOptions: [PricedShippingOption]) {
        self.shippingOptions = shippingOptions
    }

    enum CodingKeys: String, CodingKey {
        case shippingOptions = "shipping_options"
    }
}

/// `GET /store/orders/{id}`, `GET /store/orders/cart/{cart_id}`, `GET /store/orders?display_id=&email=`
public struct StoreOrdersRes: Codable, Hashable, Sendable {
    public var order: Order

    public init(order: Order) {
        self.order = order
    }
}

/// The key a paged list answer puts its items under: `{collections, count, offset, limit}`.
public protocol PagedListKey: Sendable {
    static var name: String { get }
}

/// A paged list answer (`StoreCollectionsListRes`, `StoreGetProductCategoriesRes`, …): the items under their
/// key, with `count`, `offset` and `limit`.
public struct StorePagedList<Key: PagedListKey, Item: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
    public var items: [Item]
    public var count: Int
    public var offset: Int
    public var limit: Int

    public init(_ items: [Item], count: Int, offset: Int, limit: Int) {
        self.items = items
        self.count = count
        self.offset = offset
        self.limit = limit
    }

    private struct FieldKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: FieldKey.self)
        items = try container.decode([Item].self, forKey: FieldKey(Key.name))
        count = try container.decode(Int.self, forKey: FieldKey("count"))
        offset = try container.decode(Int.self, forKey: FieldKey("offset"))
        limit = try container.decode(Int.self, forKey: FieldKey("limit"))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: FieldKey.self)
        try container.encode(items, forKey: FieldKey(Key.name))
        try container.encode(count, forKey: FieldKey("count"))
        try container.encode(offset, forKey: FieldKey("offset"))
        try container.encode(limit, forKey: FieldKey("limit"))
    }
}

public enum CollectionsListKey: PagedListKey { public static let name = "collections" }
public enum ProductCategoriesListKey: PagedListKey { public static let name = "product_categories" }
public enum ProductTagsListKey: PagedListKey { public static let name = "product_tags" }
public enum ProductTypesListKey: PagedListKey { public static let name = "product_types" }

/// `GET /store/collections`
public typealias StoreCollectionsListRes = StorePagedList<CollectionsListKey, ProductCollection>
/// `GET /store/product-categories`
public typealias StoreGetProductCategoriesRes = StorePagedList<ProductCategoriesListKey, ProductCategory>
/// `GET /store/product-tags`
public typealias StoreProductTagsListRes = StorePagedList<ProductTagsListKey, ProductTag>
/// `GET /store/product-types`
public typealias StoreProductTypesListRes = StorePagedList<ProductTypesListKey, ProductType>

/// `GET /store/collections/{id}`
public struct StoreCollectionsRes: Codable, Hashable, Sendable {
    public var collection: ProductCollection

    public init(collection: ProductCollection) { self.collection = collection }
}

/// `GET /store/product-categories/{id}`
public struct StoreGetProductCategoriesCategoryRes: Codable, Hashable, Sendable {
    public var productCategory: ProductCategory

    public init(productCategory: ProductCategory) { self.productCategory = productCategory }

    enum CodingKeys: String, CodingKey {
        case productCategory = "product_category"
    }
}

/// `POST /store/products/search`: the matching products, as Medusa's search plugins return them.
public struct StorePostSearchRes: Codable, Hashable, Sendable {
    public var hits: [PricedProduct]

    public init(hits: [PricedProduct]) { self.hits = hits }
}

/// `GET /store/return-reasons`: the merchants offer no returns through CartBridge, so always empty.
public struct StoreReturnReasonsListRes: Codable, Hashable, Sendable {
    public var returnReasons: [JSONObject]

    public init(returnReasons: [JSONObject]) { self.returnReasons = returnReasons }

    enum CodingKeys: String, CodingKey {
        case returnReasons = "return_reasons"
    }
}

/// `{customer}`: registration, login, `/store/customers/me` and its address routes.
public struct StoreCustomersRes: Codable, Hashable, Sendable {
    public var customer: Customer

    public init(customer: Customer) { self.customer = customer }
}

/// `POST /store/auth/token`
public struct StoreBearerAuthRes: Codable, Hashable, Sendable {
    public var accessToken: String

    public init(accessToken: String) { self.accessToken = accessToken }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
    }
}

/// `GET /store/auth/{email}`
public struct StoreGetAuthEmailRes: Codable, Hashable, Sendable {
    public var exists: Bool

    public init(exists: Bool) { self.exists = exists }
}

/// `GET /store/customers/me/orders`
public struct StoreCustomersListOrdersRes: Codable, Hashable, Sendable {
    public var orders: [Order]
    public var count: Int
    public var offset: Int
    public var limit: Int

    public init(orders: [Order], count: Int, offset: Int, limit: Int) {
        self.orders = orders
        self.count = count
        self.offset = offset
        self.limit = limit
    }
}

/// `GET /store/customers/me/payment-methods`: cards stay with the merchants, so none are saved here.
public struct StoreCustomersListPaymentMethodsRes: Codable, Hashable, Sendable {
    public var paymentMethods: [JSONObject]

    public init(paymentMethods: [JSONObject]) { self.paymentMethods = paymentMethods }

    enum CodingKeys: String, CodingKey {
        case paymentMethods = "payment_methods"
    }
}
