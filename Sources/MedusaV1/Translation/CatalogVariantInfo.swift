import Bridge
import MedusaAPI

/// What a cart line needs from the catalog to render `items[].variant` (with its `product`) the way storefronts
/// read it; merchant line items carry neither the product's id nor its handle.
public struct CatalogVariantInfo: Sendable, Hashable {
    public var productID: String
    public var productTitle: String
    public var productHandle: String?
    public var thumbnail: String?
    public var variantTitle: String
    public var inventoryQuantity: Int

    public init(
        productID: String, productTitle: String, productHandle: String?, thumbnail: String?, variantTitle: String,
        inventoryQuantity: Int
    ) {
        self.productID = productID
        self.productTitle = productTitle
        self.productHandle = productHandle
        self.thumbnail = thumbnail
        self.variantTitle = variantTitle
        self.inventoryQuantity = inventoryQuantity
    }

    /// One entry per variant of a translated product, keyed by variant id: what `CartRendering` takes.
    public static func entries(for product: PricedProduct) -> [String: CatalogVariantInfo] {
        Dictionary(
            product.variants.map { variant in
                (
                    variant.id,
                    CatalogVariantInfo(
                        productID: product.id, productTitle: product.title, productHandle: product.handle,
                        thumbnail: product.thumbnail, variantTitle: variant.title,
                        inventoryQuantity: variant.inventoryQuantity)
                )
            }, uniquingKeysWith: { first, _ in first })
    }
}
