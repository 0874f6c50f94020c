import Foundation
import FullCartAPI
import MedusaAPI

extension CheckoutService {
    public func regions() -> [Region] { settings.regions }

    public func region(id: String) throws(MedusaError) -> Region {
        guard let region = settings.regions.first(where: { $0.id == id }) else {
            throw MedusaError.notFound("Region with \(id) was not found")
        }
        return region
    }

    public func products(_ query: ProductQuery) async throws(MedusaError) -> (products: [PricedProduct], count: Int) {
        let region = try await pricingRegion(query.pricing)
        let needle = query.q?.lowercased()
        let matching = try await catalog.products().filter { entry in
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
        guard let entry = try await catalog.products().first(where: { productID($0) == id }) else {
            throw MedusaError.notFound("Product with id: \(id) was not found")
        }
        return pricedProduct(entry, region: region)
    }

    public func variants(_ query: VariantQuery) async throws(MedusaError) -> [PricedVariant] {
        let region = try await pricingRegion(query.pricing)
        let all = try await catalog.products().flatMap { entry in
            entry.product.variants.map { (entry, $0) }
        }
        let wanted = query.ids.isEmpty ? all : all.filter { query.ids.contains(variantID(domain: $0.0.domain, sku: $0.1.sku)) }
        return wanted.dropFirst(max(0, query.offset)).prefix(max(0, query.limit)).map { entry, variant in
            ProductTranslation.pricedVariant(
                variant, of: entry.product, domain: entry.domain, pinned: tables.pinnedIDs, region: region, now: now())
        }
    }

    public func variant(id: String, pricing: PricingContext) async throws(MedusaError) -> PricedVariant {
        let region = try await pricingRegion(pricing)
        guard let key = tables.pinnedIDs.variantKey(forID: id),
            let (entry, variant) = try await catalog.variant(domain: key.domain, sku: key.sku)
        else {
            throw MedusaError.notFound("Variant with id: \(id) was not found")
        }
        return ProductTranslation.pricedVariant(
            variant, of: entry.product, domain: key.domain, pinned: tables.pinnedIDs, region: region, now: now())
    }

    /// Medusa prices only with a context: a region, a cart's region, or the first region with the currency.
    func pricingRegion(_ pricing: PricingContext) async throws(MedusaError) -> Region? {
        if let regionID = pricing.regionID { return try region(id: regionID) }
        if let cartID = pricing.cartID { return try region(for: try await load(cartID).cart) }
        if let currency = pricing.currencyCode?.lowercased() {
            return settings.regions.first { $0.currencyCode == currency }
        }
        return nil
    }

    func pricedProduct(_ entry: CatalogService.Entry, region: Region?) -> PricedProduct {
        ProductTranslation.pricedProduct(
            entry.product, domain: entry.domain, pinned: tables.pinnedIDs, region: region, now: now())
    }

    func productID(_ entry: CatalogService.Entry) -> String {
        tables.pinnedIDs.productID(for: .init(domain: entry.domain, handle: entry.product.handle))
    }

    func variantID(domain: String, sku: String) -> String {
        tables.pinnedIDs.variantID(for: .init(domain: domain, sku: sku))
    }
}
