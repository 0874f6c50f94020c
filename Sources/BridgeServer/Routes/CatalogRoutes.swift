import Bridge
import MedusaV1
import Hummingbird
import MedusaAPI

extension StoreRoutes {
    /// Products and variants, priced when the query gives `region_id`, `cart_id` or `currency_code`.
    func addCatalogRoutes(to store: RouterGroup<Context>) {
        store.json(.get, "products") { request, _ in
            let query = StoreQuery(request)
            let page = try query.page()
            let found = try await storefront.products(
                ProductQuery(
                    q: query.string("q"), handle: query.string("handle"), ids: query.strings("id"), limit: page.limit,
                    offset: page.offset, pricing: query.pricing))
            return StoreProductsListRes(
                products: found.products, count: found.count, offset: page.offset, limit: page.limit)
        }
        store.json(.get, "products/{id}") { request, context in
            StoreProductsRes(
                product: try await storefront.product(
                    id: context.parameters.require("id"), pricing: StoreQuery(request).pricing))
        }
        store.json(.get, "variants") { request, _ in
            let query = StoreQuery(request)
            let page = try query.page()
            // `ids` is one comma-separated string; `id` may also be given, once or repeated.
            let ids = query.strings("ids").flatMap { $0.split(separator: ",").map(String.init) } + query.strings("id")
            return StoreVariantsListRes(
                variants: try await storefront.variants(
                    VariantQuery(ids: ids, limit: page.limit, offset: page.offset, pricing: query.pricing)))
        }
        store.json(.get, "variants/{id}") { request, context in
            StoreVariantsRes(
                variant: try await storefront.variant(
                    id: context.parameters.require("id"), pricing: StoreQuery(request).pricing))
        }
    }
}
