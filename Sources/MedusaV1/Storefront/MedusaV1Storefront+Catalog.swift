import Bridge
import Foundation
import FullCartAPI
import MedusaAPI

extension MedusaV1Storefront {
    public func products(_ query: ProductQuery) async throws(MedusaError) -> (products: [PricedProduct], count: Int) {
        let region = try await pricingRegion(query.pricing)
        let catalog = try await catalogSnapshot()
        let filter = ProductFilter(query, navigation: catalog.navigation)
        var matching = catalog.entries.filter { filter.matches($0, id: productID($0)) }
        if let order = query.order { matching = try Self.sorted(matching, by: order) }
        return (
            PageRequest(limit: query.limit, offset: query.offset).slice(matching).map {
                pricedProduct($0, region: region, navigation: catalog.navigation)
            }, matching.count
        )
    }

    /// CartBridge's own search (Medusa without a search plugin has none): the products whose title, handle,
    /// description, type or tags contain the words of `q`.
    public func searchProducts(_ body: StorePostSearchReq) async throws(MedusaError) -> [PricedProduct] {
        try await products(ProductQuery(q: body.q, limit: body.limit ?? 20, offset: body.offset ?? 0)).products
    }

    /// Medusa's `order`: a column, `-` first for descending. Products share one `created_at`, so ordering by
    /// a date keeps catalog order (reversed for descending).
    static func sorted(_ entries: [CatalogService.Entry], by order: String) throws(MedusaError) -> [CatalogService.Entry] {
        let descending = order.hasPrefix("-")
        let field = descending ? String(order.dropFirst()) : order
        let ascending: [CatalogService.Entry]
        switch field {
        case "title": ascending = entries.sorted { $0.product.title.localizedStandardCompare($1.product.title) == .orderedAscending }
        case "handle": ascending = entries.sorted { $0.product.handle < $1.product.handle }
        case "created_at", "updated_at", "id": ascending = entries
        default: throw MedusaError.invalidData("Order field \(field) is not valid")
        }
        return descending ? ascending.reversed() : ascending
    }

    public func product(id: String, pricing: PricingContext) async throws(MedusaError) -> PricedProduct {
        let region = try await pricingRegion(pricing)
        let catalog = try await catalogSnapshot()
        guard let entry = catalog.entries.first(where: { productID($0) == id }) else {
            throw MedusaError.notFound("Product with id: \(id) was not found")
        }
        return pricedProduct(entry, region: region, navigation: catalog.navigation)
    }

    public func variants(_ query: VariantQuery) async throws(MedusaError) -> [PricedVariant] {
        let region = try await pricingRegion(query.pricing)
        let all = try await catalogSnapshot().entries.flatMap { entry in
            entry.product.variants.map { (entry, $0) }
        }
        let wanted = query.ids.isEmpty ? all : all.filter { query.ids.contains(variantID(domain: $0.0.domain, sku: $0.1.sku)) }
        return wanted.dropFirst(max(0, query.offset)).prefix(max(0, query.limit)).map { entry, variant in
            ProductTranslation.pricedVariant(
                variant, of: entry.product, domain: entry.domain, pinned: core.pinnedIDs, region: region, now: core.clock())
        }
    }

    public func variant(id: String, pricing: PricingContext) async throws(MedusaError) -> PricedVariant {
        let region = try await pricingRegion(pricing)
        let found = try await medusa { () async throws(CheckoutError) in
            guard let key = core.pinnedIDs.variantKey(forID: id) else { return nil as (CatalogService.Entry, FullCartVariant)? }
            return try await core.catalogService.variant(domain: key.domain, sku: key.sku)
        }
        guard let (entry, variant) = found else {
            throw MedusaError.notFound("Variant with id: \(id) was not found")
        }
        return ProductTranslation.pricedVariant(
            variant, of: entry.product, domain: entry.domain, pinned: core.pinnedIDs, region: region, now: core.clock())
    }

    /// Medusa prices only with a context: a region, a cart's region, or the first region with the currency.
    func pricingRegion(_ pricing: PricingContext) async throws(MedusaError) -> Region? {
        if let regionID = pricing.regionID { return try region(id: regionID) }
        if let cartID = pricing.cartID {
            return try region(id: try await medusa { () async throws(CheckoutError) in try await core.storedCart(id: cartID) }.regionID)
        }
        if let currency = pricing.currencyCode?.lowercased() {
            return regionList.first { $0.currencyCode == currency }
        }
        return nil
    }

    func catalogSnapshot() async throws(MedusaError) -> CatalogService.Snapshot {
        try await medusa { () async throws(CheckoutError) in try await core.catalogService.current() }
    }

    func pricedProduct(_ entry: CatalogService.Entry, region: Region?, navigation: CatalogNavigation) -> PricedProduct {
        let now = core.clock()
        return ProductTranslation.pricedProduct(
            entry.product, domain: entry.domain, pinned: core.pinnedIDs, region: region,
            grouping: NavigationRendering.grouping(entry.placement, in: navigation, now: now), now: now)
    }

    func productID(_ entry: CatalogService.Entry) -> String {
        core.pinnedIDs.productID(for: .init(domain: entry.domain, handle: entry.product.handle))
    }

    func variantID(domain: String, sku: String) -> String {
        core.pinnedIDs.variantID(for: .init(domain: domain, sku: sku))
    }
}
