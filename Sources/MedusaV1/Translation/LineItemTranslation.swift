import Bridge
import Foundation
import FullCartAPI
import MedusaAPI

/// Merchant cart lines → Medusa line items: each merchant line becomes a variant line, and each selected addon a
/// line of its own so that Medusa's `subtotal` (the sum of its items) includes what addons cost. Storefronts read
/// `variant`, `variant.product` and `variant.product_id` on every line, so an addon line carries a variant too:
/// the addon as a one-variant product outside the catalog (`StableID.addonVariant`/`addonProduct`), whose handle
/// is the covered line's product's, so a link from it leads to what the addon is for.
struct LineItemTranslation {
    let domain: String
    let cartID: String
    let orderID: String?
    let catalog: [String: CatalogVariantInfo]
    let pinned: PinnedIDs
    let createdAt: Date
    let updatedAt: Date

    /// `hasShipping` is Medusa's flag for "a shipping method covers this line".
    func merchantLine(_ line: FullCartLineItem, hasShipping: Bool) -> LineItem {
        let sku = line.sku ?? line.variantID ?? line.lineItemID
        let variantID = pinned.variantID(for: .init(domain: domain, sku: sku))
        let info = catalog[variantID]
        let subtotal = line.linePrice.minorUnits
        let discount = MoneyTranslation.minorUnits(line.lineDiscount)
        var item = LineItem(
            id: StableID.lineItem(domain: domain, lineItemID: line.lineItemID).id, cartID: cartID, orderID: orderID,
            title: line.description ?? info?.productTitle ?? sku, description: line.variantDescription,
            thumbnail: line.image?.url ?? info?.thumbnail, shouldMerge: true, hasShipping: hasShipping,
            unitPrice: line.price.minorUnits, quantity: line.quantity,
            variant: variant(of: line, sku: sku, id: variantID, info: info), subtotal: subtotal,
            discountTotal: discount, total: subtotal - discount, originalTotal: subtotal,
            metadata: [
                "cartbridge": ["domain": .string(domain), "merchant_line_item_id": .string(line.lineItemID)]
            ],
            createdAt: createdAt, updatedAt: updatedAt)
        // Unknown to the catalog: say so rather than point at a product id that does not exist.
        item.productID = info?.productID
        return item
    }

    /// One custom line per selected addon; an item-scope selection covering several lines becomes one line per
    /// covered line (`StableID.addonLine` with that line), so deleting it deselects the addon for that line only.
    /// The parts always add up to the selection's price.
    func addonLines(_ selection: FullCartAddonSelection, offer: FullCartAddonOffer?, lines: [FullCartLineItem])
        -> [LineItem]
    {
        let name = offer?.display?.name ?? selection.addonID
        let choice = selection.selectedChildIDs.flatMap { ids in
            ids.count == 1 ? offer?.childOffers?.first { $0.addonID == ids[0] }?.display?.name : nil
        }
        let title = choice.map { "\(name): \($0)" } ?? name
        // The merchant's one currency: the addon's price, else its lines'.
        let currency = MoneyTranslation.currencyCode(
            selection.price ?? offer?.price ?? lines.first?.price ?? FullCartMoney.zero("USD"))
        return shares(of: selection, offer: offer).map { share in
            let covered = share.lineItemID.flatMap { id in lines.first { $0.lineItemID == id } }
            let cartbridge: JSONValue = [
                "domain": .string(domain), "addon_id": .string(selection.addonID), "addon": true,
                "merchant_line_item_id": .optional(share.lineItemID),
                "child_ids": .array((selection.selectedChildIDs ?? []).map(JSONValue.string)),
            ]
            return LineItem(
                id: StableID.addonLine(domain: domain, addonID: selection.addonID, lineItemID: share.lineItemID).id,
                cartID: cartID, orderID: orderID, title: title,
                description: covered.map { "For \($0.description ?? $0.sku ?? $0.lineItemID)" }
                    ?? offer?.display?.description,
                thumbnail: covered.flatMap { line in line.image?.url ?? catalogInfo(of: line)?.thumbnail },
                shouldMerge: false, hasShipping: false, unitPrice: share.amount, quantity: 1,
                variant: addonVariant(
                    selection.addonID, title: title, amount: share.amount, currency: currency, covered: covered),
                metadata: ["cartbridge": cartbridge], createdAt: createdAt, updatedAt: updatedAt)
        }
    }

    /// What a selection costs, split by covered line: each line's share is the offer's `line_item_pricing` and the
    /// last line takes the rest, so rounding or a missing share never changes the total.
    func shares(of selection: FullCartAddonSelection, offer: FullCartAddonOffer?) -> [(
        lineItemID: String?, amount: Int
    )] {
        let covered = selection.selectedLineItemIDs ?? []
        let listed = covered.map { MoneyTranslation.minorUnits(offer?.lineItemPricing?[$0]) }
        let total =
            selection.price?.minorUnits
            ?? (covered.isEmpty ? MoneyTranslation.minorUnits(offer?.price) : listed.reduce(0, +))
        guard let last = covered.last else { return [(nil, total)] }
        let leading = zip(covered.dropLast(), listed).map { (lineItemID: Optional($0), amount: $1) }
        return leading + [(lineItemID: Optional(last), amount: total - leading.reduce(0) { $0 + $1.amount })]
    }

    private func catalogInfo(of line: FullCartLineItem) -> CatalogVariantInfo? {
        catalog[pinned.variantID(for: .init(domain: domain, sku: line.sku ?? line.variantID ?? line.lineItemID))]
    }

    private func addonVariant(
        _ addonID: String, title: String, amount: Int, currency: String, covered: FullCartLineItem?
    ) -> ProductVariant {
        let id = StableID.addonVariant(domain: domain, addonID: addonID).id
        let product = ProductColumns(
            id: StableID.addonProduct(domain: domain, addonID: addonID).id, title: title,
            handle: covered.flatMap { catalogInfo(of: $0)?.productHandle }, variants: [],
            profileID: StableID.merchantProfile(domain: domain).id, discountable: false,
            metadata: ["cartbridge": ["domain": .string(domain), "addon_id": .string(addonID), "addon": true]],
            createdAt: createdAt, updatedAt: updatedAt)
        return ProductVariant(
            id: id, title: title, productID: product.id, product: product,
            prices: [
                MoneyAmount(
                    id: StableID.price(domain: domain, sku: "addon:" + addonID, currency: currency).id,
                    currencyCode: currency, amount: amount, variantID: id, createdAt: createdAt, updatedAt: updatedAt)
            ],
            inventoryQuantity: 1, manageInventory: false,
            metadata: ["cartbridge": ["domain": .string(domain), "addon_id": .string(addonID), "addon": true]],
            createdAt: createdAt, updatedAt: updatedAt)
    }

    private func variant(of line: FullCartLineItem, sku: String, id: String, info: CatalogVariantInfo?)
        -> ProductVariant
    {
        let currency = MoneyTranslation.currencyCode(line.price)
        let product = ProductColumns(
            id: info?.productID ?? "", title: info?.productTitle ?? line.description ?? sku,
            handle: info?.productHandle, thumbnail: info?.thumbnail ?? line.image?.url, variants: [],
            profileID: StableID.merchantProfile(domain: domain).id, createdAt: createdAt, updatedAt: updatedAt)
        return ProductVariant(
            id: id, title: info?.variantTitle ?? line.variantDescription ?? sku, productID: product.id,
            product: product,
            prices: [
                MoneyAmount(
                    id: StableID.price(domain: domain, sku: sku, currency: currency).id, currencyCode: currency,
                    amount: line.price.minorUnits, variantID: id, createdAt: createdAt, updatedAt: updatedAt)
            ],
            sku: sku, inventoryQuantity: info?.inventoryQuantity ?? 0,
            // Without catalog facts there is no stock figure to manage; the merchant's notices speak for it.
            manageInventory: info != nil,
            metadata: ["cartbridge": ["domain": .string(domain), "sku": .string(sku)]], createdAt: createdAt,
            updatedAt: updatedAt)
    }
}
