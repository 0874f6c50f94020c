import Bridge
import Foundation
import FullCartAPI
import MedusaAPI

extension MedusaV1Storefront {
    public func products(_ query: ProductQuery) async throws(MedusaError) -> (products: [PricedProduct], count: Int) {
        let region = try await pricingRegion(query.pricing)
        let needle = query.q?.lowercased()
        let matching = try await catalogEntries().filter { entry in
            let product = entry.product
            if let handle = query.handle, product.handle != handle { return false }
            if !query.ids.isEmpty, !query.ids.contains(productID(entry)) { return false }
            if let needle, !needle.isEmpty {
                let text = [product.title, product.description ?? "", product.handle].joined(separator: " ")
                if !text.lowercased().contains(needle) { return false }
            }
            return true
        }
        let page = matching.dropFirst(max(0, query.offset)).prefix(max(0, query.limit))
        return (page.map { pricedProduct($0, region: region) }, matching.count)
    }

    public func product(id: String, pricing: PricingContext) async throws(MedusaError) -> PricedProduct {
        let region = try await pricingRegion(pricing)
        guard let entry = try await catalogEntries().first(where: { productID($0) == id }) else {
            throw MedusaError.notFound("Product with id: \(id) was not found")
        }
        return pricedProduct(entry, region: region)
    }

    public func variants(_ query: VariantQuery) async throws(MedusaError) -> [PricedVariant] {
        let region = try await pricingRegion(query.pricing)
        let all = try await catalogEntries().flatMap { entry in
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

    func catalogEntries() async throws(MedusaError) -> [CatalogService.Entry] {
        try await medusa { () async throws(CheckoutError) in try await core.catalogService.products() }
    }

    func pricedProduct(_ entry: CatalogService.Entry, region: Region?) -> PricedProduct {
        ProductTranslation.pricedProduct(
            entry.product, domain: entry.domain, pinned: core.pinnedIDs, region: region, now: core.clock())
    }

    func productID(_ entry: CatalogService.Entry) -> String {
        core.pinnedIDs.productID(for: .init(domain: entry.domain, handle: entry.product.handle))
    }

    func variantID(domain: String, sku: String) -> String {
        core.pinnedIDs.variantID(for: .init(domain: domain, sku: sku))
    }
}
