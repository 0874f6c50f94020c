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
