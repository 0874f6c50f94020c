import Bridge
import Foundation
import MedusaAPI

/// Everything the Medusa v1 Store API routes need from the domain, in Medusa's own types. The HTTP layer
/// decodes requests, calls one of these, and wraps the answer (`{cart}`, `{order}`, …); every failure is a
/// `MedusaError` that already knows its envelope and status.
public protocol StorefrontAPI: Sendable {
    // Regions (from configuration)
    func regions() -> [Region]
    func region(id: String) throws(MedusaError) -> Region

    // Catalog (from the merchants, cached)
    func products(_ query: ProductQuery) async throws(MedusaError) -> (products: [PricedProduct], count: Int)
    func product(id: String, pricing: PricingContext) async throws(MedusaError) -> PricedProduct
    func variants(_ query: VariantQuery) async throws(MedusaError) -> [PricedVariant]
    func variant(id: String, pricing: PricingContext) async throws(MedusaError) -> PricedVariant
    func searchProducts(_ body: StorePostSearchReq) async throws(MedusaError) -> [PricedProduct]

    // Navigation (derived from the catalogs by mappings/catalog-navigation.json)
    func collections(handles: [String], page: PageRequest) async throws(MedusaError) -> StoreCollectionsListRes
    func collection(id: String) async throws(MedusaError) -> ProductCollection
    func categories(_ query: CategoryQuery) async throws(MedusaError) -> StoreGetProductCategoriesRes
    func category(id: String, includeDescendantsTree: Bool) async throws(MedusaError) -> ProductCategory
    func productTags(_ query: LabelQuery) async throws(MedusaError) -> StoreProductTagsListRes
    func productTypes(_ query: LabelQuery) async throws(MedusaError) -> StoreProductTypesListRes

    // Carts
    func createCart(_ body: StorePostCartReq, client: ClientInfo) async throws(MedusaError) -> Cart
    func cart(id: String) async throws(MedusaError) -> Cart
    /// `{cart}` of `cart(id:)`, encoded as sent (an implementation may reuse what it encoded before).
    func encodedCart(id: String) async throws(MedusaError) -> Data
    /// `customer`: the logged-in customer, whose id and email the cart takes.
    func updateCart(id: String, _ body: StorePostCartsCartReq, customer: CartCustomer?) async throws(MedusaError) -> Cart
    func addLineItem(cartID: String, _ body: StorePostCartsCartLineItemsReq) async throws(MedusaError) -> Cart
    func updateLineItem(cartID: String, lineID: String, _ body: StorePostCartsCartLineItemsItemReq)
        async throws(MedusaError) -> Cart
    func deleteLineItem(cartID: String, lineID: String) async throws(MedusaError) -> Cart
    func deleteDiscount(cartID: String, code: String) async throws(MedusaError) -> Cart
    /// CartBridge extension: select and deselect merchant addons.
    func updateAddons(cartID: String, _ body: CartBridgeAddonsReq) async throws(MedusaError) -> Cart

    // Shipping
    func shippingOptions(cartID: String) async throws(MedusaError) -> [PricedShippingOption]
    func addShippingMethod(cartID: String, _ body: StorePostCartsCartShippingMethodReq) async throws(MedusaError) -> Cart

    // Payment
    func createPaymentSessions(cartID: String) async throws(MedusaError) -> Cart
    func selectPaymentSession(cartID: String, _ body: StorePostCartsCartPaymentSessionReq) async throws(MedusaError)
        -> Cart
    func updatePaymentSession(
        cartID: String, providerID: String, _ body: StorePostCartsCartPaymentSessionUpdateReq
    ) async throws(MedusaError) -> Cart
    func refreshPaymentSession(cartID: String, providerID: String) async throws(MedusaError) -> Cart
    func deletePaymentSession(cartID: String, providerID: String) async throws(MedusaError) -> Cart
    func calculateTaxes(cartID: String) async throws(MedusaError) -> Cart

    // Completion and orders
    func complete(cartID: String) async throws(MedusaError) -> StoreCompleteCartRes
    func order(id: String) async throws(MedusaError) -> Order
    func order(cartID: String) async throws(MedusaError) -> Order
    /// nil when there is no match (Medusa answers a plain-text 404 then).
    func order(displayID: Int, email: String) async throws(MedusaError) -> Order?
}

extension StorefrontAPI {
    /// An update with no one logged in.
    public func updateCart(id: String, _ body: StorePostCartsCartReq) async throws(MedusaError) -> Cart {
        try await updateCart(id: id, body, customer: nil)
    }

    /// Encodes `cart(id:)` afresh; `MedusaV1Storefront` reuses the bytes of an unchanged cart instead.
    public func encodedCart(id: String) async throws(MedusaError) -> Data {
        try Self.encoded(StoreCartsRes(cart: try await cart(id: id)))
    }

    /// A response body as Medusa's server writes it (`MedusaJSON`).
    static func encoded(_ body: some Encodable) throws(MedusaError) -> Data {
        do {
            return try MedusaJSON.encode(body)
        } catch {
            throw MedusaError.unexpectedState("The answer could not be encoded", cause: "\(error)")
        }
    }
}

/// `GET /store/products` filters we honour.
public struct ProductQuery: Sendable, Hashable {
    public var q: String?
    public var handle: String?
    public var ids: [String]
    public var collectionIDs: [String]
    public var categoryIDs: [String]
    /// With `categoryIDs`: products of the categories below them count too.
    public var includeCategoryChildren: Bool
    public var tagIDs: [String]
    public var typeIDs: [String]
    /// CartBridge sells no gift cards: `true` finds nothing.
    public var isGiftcard: Bool?
    /// `title`, `handle`, `created_at` or `updated_at`, `-` first for descending; nil keeps catalog order.
    public var order: String?
    public var limit: Int
    public var offset: Int
    public var pricing: PricingContext

    public init(
        q: String? = nil, handle: String? = nil, ids: [String] = [], collectionIDs: [String] = [],
        categoryIDs: [String] = [], includeCategoryChildren: Bool = false, tagIDs: [String] = [], typeIDs: [String] = [],
        isGiftcard: Bool? = nil, order: String? = nil, limit: Int = 100, offset: Int = 0,
        pricing: PricingContext = PricingContext()
    ) {
        self.q = q
        self.handle = handle
        self.ids = ids
        self.collectionIDs = collectionIDs
        self.categoryIDs = categoryIDs
        self.includeCategoryChildren = includeCategoryChildren
        self.tagIDs = tagIDs
        self.typeIDs = typeIDs
        self.isGiftcard = isGiftcard
        self.order = order
        self.limit = limit
        self.offset = offset
        self.pricing = pricing
    }
}

/// `limit` and `offset` of a list route.
public struct PageRequest: Sendable, Hashable {
    public var limit: Int
    public var offset: Int

    public init(limit: Int, offset: Int) {
        self.limit = limit
        self.offset = offset
    }

    func slice<Item>(_ items: [Item]) -> ArraySlice<Item> { items.dropFirst(max(0, offset)).prefix(max(0, limit)) }
}

/// `GET /store/product-categories` filters.
public struct CategoryQuery: Sendable, Hashable {
    public enum Parent: Sendable, Hashable {
        /// `parent_category_id=null`: top-level categories only.
        case root
        case id(String)
    }

    public var q: String?
    public var handle: String?
    public var parent: Parent?
    public var includeDescendantsTree: Bool
    public var page: PageRequest

    public init(q: String? = nil, handle: String? = nil, parent: Parent? = nil, includeDescendantsTree: Bool = false, page: PageRequest) {
        self.q = q
        self.handle = handle
        self.parent = parent
        self.includeDescendantsTree = includeDescendantsTree
        self.page = page
    }
}

/// `GET /store/product-tags` and `/store/product-types` filters.
public struct LabelQuery: Sendable, Hashable {
    public var ids: [String]
    public var values: [String]
    public var q: String?
    public var page: PageRequest

    public init(ids: [String] = [], values: [String] = [], q: String? = nil, page: PageRequest) {
        self.ids = ids
        self.values = values
        self.q = q
        self.page = page
    }
}

/// `GET /store/variants` filters we honour.
public struct VariantQuery: Sendable, Hashable {
    public var ids: [String]
    public var limit: Int
    public var offset: Int
    public var pricing: PricingContext

    public init(ids: [String] = [], limit: Int = 100, offset: Int = 0, pricing: PricingContext = PricingContext()) {
        self.ids = ids
        self.limit = limit
        self.offset = offset
        self.pricing = pricing
    }
}

/// The price context Medusa derives from `region_id`, `cart_id` or `currency_code`; without one the
/// calculated price fields are null, as in Medusa.
public struct PricingContext: Sendable, Hashable {
    public var regionID: String?
    public var cartID: String?
    public var currencyCode: String?

    public init(regionID: String? = nil, cartID: String? = nil, currencyCode: String? = nil) {
        self.regionID = regionID
        self.cartID = cartID
        self.currencyCode = currencyCode
    }

    public var isEmpty: Bool { regionID == nil && cartID == nil && currencyCode == nil }
}

/// What Medusa puts into a new cart's `context` from the request.
public struct ClientInfo: Sendable, Hashable {
    public var ip: String?
    public var userAgent: String?
    /// The logged-in customer, who owns the new cart.
    public var customer: CartCustomer?

    public init(ip: String?, userAgent: String?, customer: CartCustomer? = nil) {
        self.ip = ip
        self.userAgent = userAgent
        self.customer = customer
    }
}
