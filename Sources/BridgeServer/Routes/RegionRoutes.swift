import Hummingbird
import MedusaAPI

extension StoreRoutes {
    /// `GET /store/regions` (paged like Medusa, `count` is the total) and `GET /store/regions/{id}`.
    func addRegionRoutes(to store: RouterGroup<Context>) {
        store.json(.get, "regions") { request, _ in
            let page = try StoreQuery(request).pageRequest()
            let regions = storefront.regions()
            return StoreRegionsListRes(
                regions: Array(regions.dropFirst(page.offset).prefix(page.limit)), count: regions.count,
                offset: page.offset, limit: page.limit)
        }
        store.json(.get, "regions/{id}") { _, context in
            StoreRegionsRes(region: try storefront.region(id: context.parameters.require("id")))
        }
    }
}
