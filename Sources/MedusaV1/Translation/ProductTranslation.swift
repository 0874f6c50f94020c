import Bridge
import Foundation
import FullCartAPI
import MedusaAPI

/// Merchant catalog products (C1) → Medusa `PricedProduct` / `PricedVariant`.
///
/// Ids come from `PinnedIDs` (which falls back to `StableID`), so the same merchant product always has the same
/// id and the id alone leads back to the merchant. Prices are the merchant's, in the merchant's currency and
/// before tax: the merchant computes tax per cart, so the catalog shows none.
public enum ProductTranslation {
    /// Merchants report only whether a variant is `available`, never a count. Storefronts compare
    /// `inventory_quantity` with the quantity wanted, so an available variant shows this nominal stock and an
    /// unavailable one 0; the merchant remains the judge when the line is added.
    public static let nominalStock = 100

    public static func pricedProduct(
        _ product: FullCartProduct, domain: String, pinned: PinnedIDs, region: Region?,
        grouping: NavigationRendering.Grouping = .none, now: Date
    ) -> PricedProduct {
        let columns = productColumns(product, domain: domain, pinned: pinned, grouping: grouping, now: now)
        let variants = product.variants.enumerated().map { rank, variant in
            makeVariant(
                variant, rank: rank, of: product, columns: columns, domain: domain, region: region, pinned: pinned,
                now: now)
        }
        return columns.withVariants(variants)
    }

    /// A single variant as `GET /store/variants/{id}` returns it: with its product (without variants).
    public static func pricedVariant(
        _ variant: FullCartVariant, of product: FullCartProduct, domain: String, pinned: PinnedIDs, region: Region?,
        now: Date
    ) -> PricedVariant {
        let columns = productColumns(product, domain: domain, pinned: pinned, now: now)
        let rank = product.variants.firstIndex { $0.sku == variant.sku } ?? 0
        var priced = makeVariant(
            variant, rank: rank, of: product, columns: columns, domain: domain, region: region, pinned: pinned, now: now
        )
        priced.base.product = columns
        return priced
    }

    /// The product's own columns and options, shared by both entry points.
    private static func productColumns(
        _ product: FullCartProduct, domain: String, pinned: PinnedIDs, grouping: NavigationRendering.Grouping = .none,
        now: Date
    ) -> ProductColumns {
        let productID = pinned.productID(for: .init(domain: domain, handle: product.handle))
        let images = product.images.map { image in
            ProductImage(
                id: StableID.productImage(domain: domain, handle: product.handle, url: image.url).id, url: image.url,
                createdAt: now)
        }
        let options = product.variantOptionValues.enumerated().map { index, option in
            ProductOption(
                id: optionID(option, index: index, handle: product.handle, domain: domain), title: option.displayName,
                values: product.variants.compactMap { variant in
                    optionValue(
                        variant, option: option, index: index, handle: product.handle, domain: domain, pinned: pinned,
                        now: now)
                },
                productID: productID, createdAt: now)
        }
        let metadata: JSONObject = [
            "cartbridge": [
                "domain": .string(domain), "handle": .string(product.handle), "base_sku": .optional(product.baseSKU),
                "pdp_url": .optional(product.pdpURL), "product_type": .optional(product.productType),
            ]
        ]
        return ProductColumns(
            id: productID, title: product.title, description: product.description, handle: product.handle,
            images: images, thumbnail: product.images.first?.url, options: options, variants: [],
            profileID: StableID.merchantProfile(domain: domain).id, collection: grouping.collection, type: grouping.type,
            tags: grouping.tags, metadata: metadata, createdAt: now)
    }

    private static func makeVariant(
        _ variant: FullCartVariant, rank: Int, of product: FullCartProduct, columns: ProductColumns, domain: String,
        region: Region?, pinned: PinnedIDs, now: Date
    ) -> PricedVariant {
        let variantID = pinned.variantID(for: .init(domain: domain, sku: variant.sku))
        let currency = MoneyTranslation.currencyCode(variant.price)
        let price = MoneyAmount(
            id: StableID.price(domain: domain, sku: variant.sku, currency: currency).id, currencyCode: currency,
            amount: variant.price.minorUnits, variantID: variantID, createdAt: now)
        let options = product.variantOptionValues.enumerated().compactMap { index, option in
            optionValue(
                variant, option: option, index: index, handle: product.handle, domain: domain, pinned: pinned, now: now)
        }
        let metadata: JSONObject = [
            "cartbridge": [
                "domain": .string(domain), "sku": .string(variant.sku),
                "add_to_cart_ref": .object(variant.addToCartRef.fields),
            ]
        ]
        var base = ProductVariant(
            id: variantID, title: title(of: variant), productID: columns.id, prices: [price], sku: variant.sku,
            variantRank: rank, inventoryQuantity: variant.available ? nominalStock : 0, allowBackorder: false,
            manageInventory: true, options: options, purchasable: variant.available, metadata: metadata,
            createdAt: now)
        base.weight = variant.weight
        return PricedVariant(base, pricing: pricing(variant, currency: currency, region: region))
    }

    /// Medusa's price fields exist only with a price context in the variant's currency; the merchant's `msrp`
    /// becomes the original price when it is higher, so storefronts show the merchant's sale as a sale.
    private static func pricing(_ variant: FullCartVariant, currency: String, region: Region?) -> VariantPricing {
        guard let region, region.currencyCode.lowercased() == currency else {
            return VariantPricing(originalPrice: nil, calculatedPrice: nil)
        }
        let price = variant.price.minorUnits
        let msrp = variant.msrp.flatMap { $0.currency == variant.price.currency ? $0.minorUnits : nil } ?? price
        return VariantPricing(
            originalPrice: max(msrp, price), calculatedPrice: price, taxRates: appliedTaxRates(region))
    }

    /// The region's rates as Medusa lists them on a priced variant; a region without rates has its default.
    static func appliedTaxRates(_ region: Region) -> [AppliedTaxRate] {
        let rates = region.taxRates.compactMap { rate in
            rate.rate.map { AppliedTaxRate(rate: $0, name: rate.name, code: rate.code) }
        }
        return rates.isEmpty ? [AppliedTaxRate(rate: region.taxRate, name: "default", code: "default")] : rates
    }

    /// Medusa titles variants by their option values: "Gray / XS".
    private static func title(of variant: FullCartVariant) -> String {
        variant.variantOptionList.isEmpty
            ? variant.displayName ?? variant.title ?? variant.sku : variant.variantOptionList.joined(separator: " / ")
    }

    /// Keyed by the merchant's `property_accessor` (`option1`…), or by position when it has none.
    private static func optionKey(_ option: FullCartVariantOption, index: Int) -> String {
        option.propertyAccessor.isEmpty ? "option\(index + 1)" : option.propertyAccessor
    }

    private static func optionID(_ option: FullCartVariantOption, index: Int, handle: String, domain: String)
        -> String
    {
        StableID.productOption(domain: domain, handle: handle, option: optionKey(option, index: index)).id
    }

    private static func optionValue(
        _ variant: FullCartVariant, option: FullCartVariantOption, index: Int, handle: String, domain: String,
        pinned: PinnedIDs, now: Date
    ) -> ProductOptionValue? {
        // `property_accessor` names the variant field holding the value; otherwise the option's position counts.
        let accessed: String? =
            switch option.propertyAccessor {
            case "option1": variant.option1
            case "option2": variant.option2
            case "option3": variant.option3
            default: nil
            }
        guard let value = accessed ?? variant.variantOptionList.dropFirst(index).first else { return nil }
        return ProductOptionValue(
            id: StableID.optionValue(domain: domain, sku: variant.sku, option: optionKey(option, index: index)).id,
            value: value, optionID: optionID(option, index: index, handle: handle, domain: domain),
            variantID: pinned.variantID(for: .init(domain: domain, sku: variant.sku)), createdAt: now)
    }
}
