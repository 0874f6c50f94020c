@testable import MedusaV1
import Bridge
import BridgeServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MedusaAPI
import Testing

/// One store route: the request, the storefront call it must make, and the keys Medusa wraps the answer in.
struct RouteCase: Sendable, CustomTestStringConvertible {
    var method: HTTPRequest.Method
    var uri: String
    var body: String?
    var headers: HTTPFields = [:]
    var call: FakeStorefront.Call
    var keys: Set<String>

    var testDescription: String { "\(method.rawValue) \(uri)" }

    static let cart: Set<String> = ["cart"]

    static let all: [RouteCase] = [
        RouteCase(method: .get, uri: "/store/regions", call: .regions, keys: ["regions", "count", "offset", "limit"]),
        RouteCase(method: .get, uri: "/store/regions/reg_1", call: .region(id: "reg_1"), keys: ["region"]),
        RouteCase(
            method: .get,
            uri: "/store/products?q=trail+shoe&handle=trail-runner&id=prod_1&id=prod_2&limit=10&offset=5"
                + "&region_id=reg_1&cart_id=cart_1&currency_code=usd",
            call: .products(
                ProductQuery(
                    q: "trail shoe", handle: "trail-runner", ids: ["prod_1", "prod_2"], limit: 10, offset: 5,
                    pricing: PricingContext(regionID: "reg_1", cartID: "cart_1", currencyCode: "usd"))),
            keys: ["products", "count", "offset", "limit"]),
        RouteCase(
            method: .get, uri: "/store/products?id%5B0%5D=prod_1&id%5B1%5D=prod_2",
            call: .products(ProductQuery(ids: ["prod_1", "prod_2"])), keys: ["products", "count", "offset", "limit"]),
        RouteCase(
            method: .get,
            uri: "/store/products?collection_id%5B0%5D=pcol_1&collection_id%5B1%5D=pcol_2&category_id%5B%5D=pcat_1"
                + "&include_category_children=true&tags%5B0%5D=ptag_1&type_id%5B0%5D=ptyp_1&is_giftcard=false&order=-title",
            call: .products(
                ProductQuery(
                    collectionIDs: ["pcol_1", "pcol_2"], categoryIDs: ["pcat_1"], includeCategoryChildren: true,
                    tagIDs: ["ptag_1"], typeIDs: ["ptyp_1"], isGiftcard: false, order: "-title")),
            keys: ["products", "count", "offset", "limit"]),
        RouteCase(
            method: .post, uri: "/store/products/search", body: #"{"q":"tee","limit":5,"filter":"anything"}"#,
            call: .search(StorePostSearchReq(q: "tee", limit: 5)), keys: ["hits"]),
        RouteCase(
            method: .get, uri: "/store/collections?handle%5B0%5D=summer&offset=3",
            call: .collections(handles: ["summer"], page: PageRequest(limit: 10, offset: 3)),
            keys: ["collections", "count", "offset", "limit"]),
        RouteCase(method: .get, uri: "/store/collections/pcol_1", call: .collection(id: "pcol_1"), keys: ["collection"]),
        RouteCase(
            method: .get, uri: "/store/product-categories?parent_category_id=null&include_descendants_tree=true&handle=tops&q=t",
            call: .categories(
                CategoryQuery(q: "t", handle: "tops", parent: .root, includeDescendantsTree: true, page: PageRequest(limit: 100, offset: 0))),
            keys: ["product_categories", "count", "offset", "limit"]),
        RouteCase(
            method: .get, uri: "/store/product-categories?parent_category_id=pcat_1&limit=5",
            call: .categories(CategoryQuery(parent: .id("pcat_1"), page: PageRequest(limit: 5, offset: 0))),
            keys: ["product_categories", "count", "offset", "limit"]),
        RouteCase(
            method: .get, uri: "/store/product-categories/pcat_1",
            call: .category(id: "pcat_1", includeDescendantsTree: false), keys: ["product_category"]),
        RouteCase(
            method: .get, uri: "/store/product-tags?value%5B%5D=Sale&id%5B%5D=ptag_1&q=sa",
            call: .productTags(LabelQuery(ids: ["ptag_1"], values: ["Sale"], q: "sa", page: PageRequest(limit: 20, offset: 0))),
            keys: ["product_tags", "count", "offset", "limit"]),
        RouteCase(
            method: .get, uri: "/store/product-types?limit=2",
            call: .productTypes(LabelQuery(page: PageRequest(limit: 2, offset: 0))),
            keys: ["product_types", "count", "offset", "limit"]),
        RouteCase(
            method: .get, uri: "/store/products/prod_1?region_id=reg_1",
            call: .product(id: "prod_1", pricing: PricingContext(regionID: "reg_1")), keys: ["product"]),
        RouteCase(
            method: .get, uri: "/store/variants?ids=variant_1,variant_2&id=variant_3&limit=2&currency_code=usd",
            call: .variants(
                VariantQuery(
                    ids: ["variant_1", "variant_2", "variant_3"], limit: 2,
                    pricing: PricingContext(currencyCode: "usd"))),
            keys: ["variants"]),
        RouteCase(
            method: .get, uri: "/store/variants/variant_1?cart_id=cart_1",
            call: .variant(id: "variant_1", pricing: PricingContext(cartID: "cart_1")), keys: ["variant"]),
        RouteCase(
            method: .post, uri: "/store/carts",
            body: #"{"region_id":"reg_1","items":[{"variant_id":"variant_1","quantity":2}]}"#,
            headers: [.userAgent: "storefront-test", HTTPField.Name("X-Forwarded-For")!: "203.0.113.7, 10.0.0.1"],
            call: .createCart(
                StorePostCartReq(regionID: "reg_1", items: [.init(variantID: "variant_1", quantity: 2)]),
                ClientInfo(ip: "203.0.113.7", userAgent: "storefront-test")),
            keys: cart),
        RouteCase(method: .get, uri: "/store/carts/cart_1", call: .cart(id: "cart_1"), keys: cart),
        RouteCase(
            method: .post, uri: "/store/carts/cart_1", body: #"{"email":"ada@example.com"}"#,
            call: .updateCart(id: "cart_1", StorePostCartsCartReq(email: "ada@example.com")), keys: cart),
        RouteCase(
            method: .post, uri: "/store/carts/cart_1/line-items", body: #"{"variant_id":"variant_1","quantity":1}"#,
            call: .addLineItem(cartID: "cart_1", StorePostCartsCartLineItemsReq(variantID: "variant_1", quantity: 1)),
            keys: cart),
        RouteCase(
            method: .post, uri: "/store/carts/cart_1/line-items/item_1", body: #"{"quantity":3}"#,
            call: .updateLineItem(cartID: "cart_1", lineID: "item_1", StorePostCartsCartLineItemsItemReq(quantity: 3)),
            keys: cart),
        RouteCase(
            method: .delete, uri: "/store/carts/cart_1/line-items/item_1",
            call: .deleteLineItem(cartID: "cart_1", lineID: "item_1"), keys: cart),
        RouteCase(
            method: .delete, uri: "/store/carts/cart_1/discounts/SAVE10",
            call: .deleteDiscount(cartID: "cart_1", code: "SAVE10"), keys: cart),
        RouteCase(
            method: .post, uri: "/store/carts/cart_1/addons", body: #"{"select":[{"addon_id":"warranty"}]}"#,
            call: .updateAddons(cartID: "cart_1", CartBridgeAddonsReq(select: [.init(addonID: "warranty")])),
            keys: cart),
        RouteCase(
            method: .get, uri: "/store/shipping-options/cart_1", call: .shippingOptions(cartID: "cart_1"),
            keys: ["shipping_options"]),
        RouteCase(
            method: .post, uri: "/store/carts/cart_1/shipping-methods", body: #"{"option_id":"so_1"}"#,
            call: .addShippingMethod(cartID: "cart_1", StorePostCartsCartShippingMethodReq(optionID: "so_1")),
            keys: cart),
        RouteCase(
            method: .post, uri: "/store/carts/cart_1/payment-sessions", call: .createPaymentSessions(cartID: "cart_1"),
            keys: ["cart", "data"]),
        RouteCase(
            method: .post, uri: "/store/carts/cart_1/payment-session", body: #"{"provider_id":"cartbridge"}"#,
            call: .selectPaymentSession(
                cartID: "cart_1", StorePostCartsCartPaymentSessionReq(providerID: "cartbridge")),
            keys: cart),
        RouteCase(
            method: .post, uri: "/store/carts/cart_1/payment-sessions/cartbridge",
            body: #"{"data":{"jwe":"a.b.c.d.e"}}"#,
            call: .updatePaymentSession(
                cartID: "cart_1", providerID: "cartbridge",
                StorePostCartsCartPaymentSessionUpdateReq(data: ["jwe": "a.b.c.d.e"])),
            keys: cart),
        RouteCase(
            method: .post, uri: "/store/carts/cart_1/payment-sessions/cartbridge/refresh",
            call: .refreshPaymentSession(cartID: "cart_1", providerID: "cartbridge"), keys: cart),
        RouteCase(
            method: .delete, uri: "/store/carts/cart_1/payment-sessions/cartbridge",
            call: .deletePaymentSession(cartID: "cart_1", providerID: "cartbridge"), keys: cart),
        RouteCase(
            method: .post, uri: "/store/carts/cart_1/taxes", call: .calculateTaxes(cartID: "cart_1"), keys: cart),
        RouteCase(
            method: .post, uri: "/store/carts/cart_1/complete", headers: [.idempotencyKey: "key-1"],
            call: .complete(cartID: "cart_1"), keys: ["type", "data"]),
        RouteCase(
            method: .post, uri: "/store/carts/cart_1/complete-cart", headers: [.idempotencyKey: "key-2"],
            call: .complete(cartID: "cart_1"), keys: ["type", "data"]),
        RouteCase(method: .get, uri: "/store/orders/order_1", call: .order(id: "order_1"), keys: ["order"]),
        RouteCase(
            method: .get, uri: "/store/orders/cart/cart_1", call: .orderForCart(cartID: "cart_1"), keys: ["order"]),
        RouteCase(
            method: .get, uri: "/store/orders?display_id=7&email=ada%40example.com",
            call: .orderLookup(displayID: 7, email: "ada@example.com"), keys: ["order"]),
    ]
}

@Suite("Every store route")
struct RouteTableTests {
    @Test(arguments: RouteCase.all)
    func reachesItsStorefrontCallAndWrapsTheAnswer(_ route: RouteCase) async throws {
        let storefront = FakeStorefront()
        let response = try await withStoreAPI(storefront: storefront) { client in
            try await client.send(route.method, route.uri, body: route.body, headers: route.headers)
        }
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "application/json; charset=utf-8")
        #expect(Set(try response.json.objectValue?.keys.map { $0 } ?? []) == route.keys)
        #expect(storefront.calls == [route.call])
    }
}
