import Foundation
import FullCartAPI

/// Derives the wire cart from stored cart state, the catalog and live stock: prices, shipments, offers,
/// totals, notices and status.
struct CartRenderer {
    let merchant: Merchant
    /// Live units on hand by SKU.
    let stock: @Sendable (String) -> Int
    let now: Date

    static let paymentMethodOptions = [
        FullCartPaymentMethodOption(type: "CreditCard", wallet: "user"),
        FullCartPaymentMethodOption(type: "PayPal", wallet: "paypal"),
    ]

    func render(_ cart: CartState) -> FullCartCart {
        if let order = cart.order { return order.cart }
        let lines = cart.pricedLines(merchant: merchant)
        var notices: [FullCartNotice] = []

        let lineItems = cart.lines.compactMap { line -> FullCartLineItem? in
            guard let (product, variant) = merchant.variant(sku: line.sku) else { return nil }
            notices += lineNotices(line, product: product, state: cart.shippingState)
            return FullCartLineItem(
                lineItemID: line.id, platformLineItemID: line.platformLineItemID, sku: variant.sku,
                variantID: variant.sku, baseSKU: product.baseSku, description: product.title,
                variantDescription: product.variantDescription(variant), quantity: line.quantity,
                price: merchant.money(variant.price), linePrice: merchant.money(variant.price * line.quantity),
                msrp: merchant.money(variant.msrp), image: product.wireImages().first, requiresShipping: true)
        }

        let classes = cart.lineClasses(merchant: merchant)
        var shippingPrices: [Int] = []
        let shipments = cart.shipments.compactMap { shipment -> FullCartShipment? in
            guard let shippingClass = merchant.shippingClass(id: shipment.shippingClass),
                let fulfillment = shippingClass.fulfillmentType(id: shipment.fulfillmentTypeID)
            else { return nil }
            let options = fulfillment.methods(deliveringTo: cart.shippingState)
            let method = options.first { $0.id == shipment.shippingMethodID }
            shippingPrices.append(method?.price ?? 0)
            if options.isEmpty, let state = cart.shippingState {
                notices.append(
                    FullCartNotice(
                        code: "SHIPPING_NOT_AVAILABLE",
                        message: "\(fulfillment.name) is not available to \(USStates.name(forCode: state) ?? state)"))
            }
            return FullCartShipment(
                shipmentID: shipment.id, lineItemIDs: ShipmentPlanner.lineIDs(of: shipment, in: classes),
                fulfillmentType: wire(fulfillment), fulfillmentTypeOptions: shippingClass.fulfillmentTypes.map(wire),
                shippingMethodOptions: options.map(wire), shippingMethod: method.map(wire), notes: shipment.notes,
                selectedDate: shipment.selectedDate)
        }

        let selections = cart.addonSelections.compactMap { selection -> (FullCartAddonSelection, Int)? in
            guard let addon = merchant.addon(id: selection.addonID) else { return nil }
            let price = AddonRules.price(of: selection, addon: addon, lines: lines)
            let wireSelection = FullCartAddonSelection(
                addonID: selection.addonID,
                selectedLineItemIDs: addon.scope == .item ? selection.lineItemIDs : nil,
                selectedChildIDs: selection.choiceID.map { [$0] }, price: merchant.money(price))
            return (wireSelection, price)
        }

        let subTotal = lines.map(\.linePrice).reduce(0, +)
        let promos = PromoRules.evaluate(
            coupons: cart.coupons, promoCodes: merchant.promoCodes, subTotal: subTotal, now: now)
        notices += promos.notices

        let totals = CartPricing.totals(
            CartPricing.Input(
                linePrices: lines.map(\.linePrice), shippingPrices: shippingPrices,
                addonPrices: selections.map(\.1), promotions: promos.applicable.map(\.promotion),
                taxRateBasisPoints: merchant.taxRate(state: cart.shippingState)))

        return FullCartCart(
            cartID: cart.cartID, platformID: merchant.platformId, shopID: merchant.domain,
            displayName: merchant.displayName, status: CartStatusRules.status(notices: notices),
            lineItems: lineItems, shipments: shipments,
            addons: FullCartAddons(
                offers: AddonRules.offers(merchant.addons, lines: lines, money: merchant.money),
                selections: selections.map(\.0)),
            subTotal: merchant.money(totals.subTotal), shippingTotal: merchant.money(totals.shippingTotal),
            taxTotal: merchant.money(totals.taxTotal), addonTotal: merchant.money(totals.addonTotal),
            cartDiscount: merchant.money(totals.cartDiscount), total: merchant.money(totals.total),
            coupons: cart.coupons, shippingInfo: cart.shippingInfo, paymentMethodOptions: Self.paymentMethodOptions,
            notices: notices)
    }

    private func lineNotices(_ line: CartLine, product: CatalogProduct, state: String?) -> [FullCartNotice] {
        var notices: [FullCartNotice] = []
        if let state, !product.ships(to: state) {
            notices.append(
                FullCartNotice(
                    code: "ITEM_NOT_SHIPPABLE",
                    message: "\(product.title) cannot ship to \(USStates.name(forCode: state) ?? state)",
                    lineItemID: line.id))
        }
        let available = stock(line.sku)
        if line.quantity > available {
            notices.append(
                FullCartNotice(
                    code: "ITEM_OUT_OF_STOCK",
                    message: available == 0
                        ? "\(product.title) is out of stock" : "Only \(available) of \(product.title) left in stock",
                    lineItemID: line.id))
        }
        return notices
    }

    private func wire(_ option: FulfillmentOption) -> FullCartFulfillmentType {
        FullCartFulfillmentType(id: option.id, name: option.name, description: option.description)
    }

    private func wire(_ method: ShippingMethodOption) -> FullCartShippingMethod {
        FullCartShippingMethod(
            id: method.id, description: method.description, price: merchant.money(method.price),
            estimatedDelivery: method.estimatedDelivery)
    }
}
