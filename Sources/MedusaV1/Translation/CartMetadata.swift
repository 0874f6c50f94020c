import Bridge
import FullCartAPI
import MedusaAPI

/// `cart.metadata.cartbridge`: what Medusa's cart has no field for, per merchant (notices, addon offers, the
/// merchant's own totals, its order number), so a storefront can show and offer it. Merchant line ids are given
/// as the Medusa item ids of those lines.
enum CartMetadata {
    static func merchant(domain: String, cart: FullCartCart, orderNumber: String?) -> JSONValue {
        var entry: JSONObject = [
            "domain": .string(domain), "cart_id": .string(cart.cartID), "merchant_name": .optional(cart.displayName),
            "status": .string(cart.status.rawValue),
            "notices": .array(cart.notices.map { notice(domain: domain, $0) }),
            "addon_offers": .array(
                cart.addons.offers.map { offer(domain: domain, $0, selections: cart.addons.selections) }),
            "totals": [
                "subtotal": .integer(MoneyTranslation.minorUnits(cart.subTotal)),
                "shipping": .integer(MoneyTranslation.minorUnits(cart.shippingTotal)),
                "tax": .integer(MoneyTranslation.minorUnits(cart.taxTotal)),
                "addons": .integer(MoneyTranslation.minorUnits(cart.addonTotal)),
                "discount": .integer(MoneyTranslation.minorUnits(cart.cartDiscount)),
                "total": .integer(MoneyTranslation.minorUnits(cart.total)),
            ],
        ]
        if let orderNumber = orderNumber ?? cart.platformOrderNumber { entry["order_number"] = .string(orderNumber) }
        return .object(entry)
    }

    private static func notice(domain: String, _ notice: FullCartNotice) -> JSONValue {
        [
            "code": .string(notice.code), "message": .optional(notice.message),
            "line_item_id": .optional(notice.lineItemID.map { itemID(domain: domain, $0) }),
        ]
    }

    private static func offer(domain: String, _ offer: FullCartAddonOffer, selections: [FullCartAddonSelection])
        -> JSONValue
    {
        let selection = selections.first { $0.addonID == offer.addonID }
        let linePrices = (offer.lineItemPricing ?? [:]).map { (itemID(domain: domain, $0.key), $0.value.minorUnits) }
        return [
            "addon_id": .string(offer.addonID), "name": .optional(offer.display?.name),
            "description": .optional(offer.display?.description), "scope": .string(offer.scope),
            "price": .optional(offer.price?.minorUnits), "required": .bool(offer.required ?? false),
            "eligible_line_item_ids": itemIDs(domain: domain, offer.eligibleLineItemIDs ?? []),
            "line_item_prices": .object(
                JSONObject(
                    linePrices.map { ($0, JSONValue.integer($1)) }, uniquingKeysWith: { first, _ in first })),
            "choices": .array(
                (offer.childOffers ?? []).map { child in
                    [
                        "addon_id": .string(child.addonID), "name": .optional(child.display?.name),
                        "price": .optional(child.price?.minorUnits),
                        "selected": .bool(selection?.selectedChildIDs?.contains(child.addonID) ?? false),
                    ]
                }),
            "selected": .bool(selection != nil),
            "selected_line_item_ids": itemIDs(domain: domain, selection?.selectedLineItemIDs ?? []),
        ]
    }

    private static func itemIDs(domain: String, _ lineIDs: [String]) -> JSONValue {
        .array(lineIDs.map { .string(itemID(domain: domain, $0)) })
    }

    private static func itemID(domain: String, _ lineID: String) -> String {
        StableID.lineItem(domain: domain, lineItemID: lineID).id
    }
}
