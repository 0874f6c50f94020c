import Bridge
import Foundation
import FullCartAPI
import MedusaAPI

/// One merchant cart's share of a Medusa cart or order: its items (variant lines and addon lines), the shipping
/// methods Medusa shows for its shipments, and its totals in Medusa's terms.
struct MerchantContribution {
    /// A shipment's method as Medusa shows it, with the `sm_…` id and `data` it carries.
    struct ShownMethod {
        var shipment: FullCartShipment
        var method: FullCartShippingMethod
        var methodID: String
        var data: JSONObject
    }

    var items: [LineItem]
    var shippingMethods: [ShippingMethod]
    var totals: CartTotals

    /// Totals per Medusa's formula from the merchant's own figures:
    /// - `subtotal` = `sub_total` + `addon_total` (the addon lines are items, so Medusa's subtotal holds them);
    /// - `shipping_total` = the methods shown, which may be fewer than the merchant's auto-selected ones;
    /// - `discount_total` = `cart_discount`;
    /// - `item_tax_total` = `tax_total`: Full Cart reports one tax figure, shipping tax included, so
    ///   `shipping_tax_total` stays 0.
    init(merchantCart cart: FullCartCart, shown: [ShownMethod], lines: LineItemTranslation, region: Region) {
        let methodsByShipment = Dictionary(
            shown.map { ($0.shipment.shipmentID, $0) }, uniquingKeysWith: { _, last in last })
        let shippedLineIDs = Set(
            cart.shipments.filter { methodsByShipment[$0.shipmentID] != nil }.flatMap(\.lineItemIDs))
        let merchantLines = cart.lineItems.map { line in
            lines.merchantLine(line, hasShipping: shippedLineIDs.contains(line.lineItemID))
        }
        let addonLines = cart.addons.selections.flatMap { selection in
            lines.addonLines(
                selection, offer: cart.addons.offers.first { $0.addonID == selection.addonID }, lines: cart.lineItems)
        }
        items = merchantLines + addonLines
        shippingMethods = cart.shipments.compactMap { shipment in
            methodsByShipment[shipment.shipmentID].map { shown in
                ShippingMethod(
                    id: shown.methodID,
                    shippingOption: ShippingOptionTranslation.shippingOption(
                        domain: lines.domain, merchantName: cart.displayName, shipment: shown.shipment,
                        method: shown.method, region: region, createdAt: lines.createdAt),
                    cartID: lines.cartID, orderID: lines.orderID, price: shown.method.price.minorUnits, data: shown.data
                )
            }
        }
        let subtotal = cart.subTotal?.minorUnits ?? cart.lineItems.reduce(0) { $0 + $1.linePrice.minorUnits }
        let addons = cart.addonTotal?.minorUnits ?? addonLines.reduce(0) { $0 + $1.subtotal }
        totals = CartTotals(
            subtotal: subtotal + addons, discountTotal: MoneyTranslation.minorUnits(cart.cartDiscount),
            itemTaxTotal: MoneyTranslation.minorUnits(cart.taxTotal),
            shippingTotal: shippingMethods.reduce(0) { $0 + $1.price })
    }

    /// A cart shows only the methods the storefront chose, each priced from the merchant's current options of that
    /// shipment; a choice whose shipment or method the merchant no longer offers is not shown.
    static func chosenMethods(domain: String, cart: FullCartCart, choices: [ShippingChoice]) -> [ShownMethod] {
        choices.filter { $0.domain == domain }.compactMap { choice in
            guard let shipment = cart.shipments.first(where: { $0.shipmentID == choice.shipmentID }),
                let method = shipment.shippingMethodOptions.first(where: { $0.id == choice.shippingMethodID })
                    ?? shipment.shippingMethod.flatMap({ $0.id == choice.shippingMethodID ? $0 : nil })
            else { return nil }
            return ShownMethod(shipment: shipment, method: method, methodID: choice.methodID, data: choice.data)
        }
    }

    /// An order shows what the merchant shipped with: every shipment's selected method, with the storefront's
    /// `data` when it chose that method.
    static func placedMethods(domain: String, cart: FullCartCart, choices: [ShippingChoice]) -> [ShownMethod] {
        cart.shipments.compactMap { shipment in
            guard let method = shipment.shippingMethod else { return nil }
            let choice = choices.first {
                $0.domain == domain && $0.shipmentID == shipment.shipmentID && $0.shippingMethodID == method.id
            }
            return ShownMethod(
                shipment: shipment, method: method,
                methodID: choice?.methodID
                    ?? StableID.shippingMethod(domain: domain, shipmentID: shipment.shipmentID, methodID: method.id).id,
                data: choice?.data ?? ShippingOptionTranslation.data(domain: domain, shipment: shipment, method: method)
            )
        }
    }
}

extension CartTotals {
    /// Medusa's totals of a multi-merchant cart are the sums of the merchants'.
    static func sum(_ parts: [CartTotals]) -> CartTotals {
        CartTotals(
            subtotal: parts.reduce(0) { $0 + $1.subtotal }, discountTotal: parts.reduce(0) { $0 + $1.discountTotal },
            itemTaxTotal: parts.reduce(0) { $0 + $1.itemTaxTotal },
            shippingTotal: parts.reduce(0) { $0 + $1.shippingTotal },
            shippingTaxTotal: parts.reduce(0) { $0 + $1.shippingTaxTotal })
    }
}
