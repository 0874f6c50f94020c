import Bridge
import MedusaV1
import Hummingbird
import MedusaAPI

extension StoreRoutes {
    /// Products and variants, priced when the query gives `region_id`, `cart_id` or `currency_code`.
    func addCatalogRoutes(to store: RouterGroup<Context>) {
        store.json(.get, "products") { request, _ in
            let query = StoreQuery(request)
            let page = try query.pageRequest()
            let found = try await storefront.products(
                ProductQuery(
                    q: query.string("q"), handle: query.string("handle"), ids: query.strings("id"),
                    collectionIDs: query.strings("collection_id"), categoryIDs: query.strings("category_id"),
                    includeCategoryChildren: try query.bool("include_category_children") ?? false,
                    tagIDs: query.strings("tags"), typeIDs: query.strings("type_id"),
                    isGiftcard: try query.bool("is_giftcard"), order: query.string("order"), limit: page.limit,
                    offset: page.offset, pricing: query.pricing))
            return StoreProductsListRes(
                products: found.products, count: found.count, offset: page.offset, limit: page.limit)
        }
        store.json(.post, "products/search") { request, _ in
            StorePostSearchRes(hits: try await storefront.searchProducts(try await bodies.decode(StorePostSearchReq.self, from: request)))
        }
        store.json(.get, "products/{id}") { request, context in
            StoreProductsRes(
                product: try await storefront.product(
                    id: context.parameters.require("id"), pricing: StoreQuery(request).pricing))
        }
        store.json(.get, "variants") { request, _ in
            let query = StoreQuery(request)
            let page = try query.pageRequest()
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

    /// Collections, the category tree, tags and types (`mappings/catalog-navigation.json`).
    func addNavigationRoutes(to store: RouterGroup<Context>) {
        store.json(.get, "collections") { request, _ in
            let query = StoreQuery(request)
            return try await storefront.collections(handles: query.strings("handle"), page: try query.pageRequest(defaultLimit: 10))
        }
        store.json(.get, "collections/{id}") { _, context in
            StoreCollectionsRes(collection: try await storefront.collection(id: context.parameters.require("id")))
        }
        store.json(.get, "product-categories") { request, _ in
            let query = StoreQuery(request)
            let parent = query.string("parent_category_id").map { $0 == "null" ? CategoryQuery.Parent.root : .id($0) }
            return try await storefront.categories(
                CategoryQuery(
                    q: query.string("q"), handle: query.string("handle"), parent: parent,
                    includeDescendantsTree: try query.bool("include_descendants_tree") ?? false,
                    page: try query.pageRequest()))
        }
        store.json(.get, "product-categories/{id}") { request, context in
            StoreGetProductCategoriesCategoryRes(
                productCategory: try await storefront.category(
                    id: context.parameters.require("id"),
                    includeDescendantsTree: try StoreQuery(request).bool("include_descendants_tree") ?? false))
        }
        store.json(.get, "product-tags") { request, _ in
            try await storefront.productTags(try Self.labelQuery(StoreQuery(request)))
        }
        store.json(.get, "product-types") { request, _ in
            try await storefront.productTypes(try Self.labelQuery(StoreQuery(request)))
        }
    }

    private static func labelQuery(_ query: StoreQuery) throws(MedusaError) -> LabelQuery {
        LabelQuery(ids: query.strings("id"), values: query.strings("value"), q: query.string("q"), page: try query.pageRequest(defaultLimit: 20))
    }
}
