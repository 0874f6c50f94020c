import Bridge
import Foundation
import FullCartAPI
import MedusaAPI

/// A completed bridge cart (every merchant with its `placedOrder`) → Medusa's `Order`.
///
/// Items, shipping methods and totals come from the submitted merchant carts by the cart's rules, except that
/// every shipment shows the method the merchant shipped with, so the totals equal the sum of the merchants'.
/// Payment is `awaiting`: the merchants hold the card authorisations and capture on their side. Each merchant's
/// charge is one of the order's `payments`, with the masked card in `data`.
public enum OrderRendering {
    public static func order(
        id: String, displayID: Int, cart: BridgeCart, customerID: String? = nil, region: Region,
        catalog: [String: CatalogVariantInfo], pinned: PinnedIDs, createdAt: Date
    ) -> Order {
        let placed = cart.merchants.compactMap { merchant in merchant.placedOrder.map { (merchant.domain, $0) } }
        let contributions = placed.map { domain, order in
            MerchantContribution(
                merchantCart: order.cart,
                shown: MerchantContribution.placedMethods(
                    domain: domain, cart: order.cart, choices: cart.shippingChoices),
                lines: LineItemTranslation(
                    domain: domain, cartID: cart.id, orderID: id, catalog: catalog, pinned: pinned,
                    createdAt: cart.createdAt, updatedAt: order.placedAt),
                region: region)
        }
        let email = cart.email ?? placed.lazy.compactMap { $0.1.cart.shippingInfo?.email }.first ?? ""
        let merchants: [JSONValue] = placed.map { domain, order in
            [
                "domain": .string(domain), "merchant_name": .optional(order.cart.displayName),
                "order_number": .string(order.orderNumber), "cart_id": .string(order.merchantCartID),
                "thank_you_page": .optional(order.thankYouPage),
            ]
        }
        return Order(
            id: id, displayID: displayID, cartID: cart.id,
            // Medusa attaches a guest customer per email; CartBridge keeps no customers, so the id derives from it.
            customerID: customerID ?? cart.customerID ?? StableID.guestCustomer(email: email.lowercased()).id, email: email,
            regionID: region.id,
            region: region, currencyCode: region.currencyCode.lowercased(), status: .pending,
            fulfillmentStatus: .notFulfilled, paymentStatus: .awaiting,
            billingAddress: cart.billingAddress.map(AddressRendering.medusaAddress),
            shippingAddress: cart.shippingAddress.map(AddressRendering.medusaAddress), taxRate: region.taxRate,
            items: contributions.flatMap(\.items), shippingMethods: contributions.flatMap(\.shippingMethods),
            payments: placed.map { domain, order in
                payment(domain: domain, order: order, orderID: id, cart: cart, currency: region.currencyCode.lowercased())
            },
            discounts: DiscountTranslation.discounts(
                codes: cart.discountCodes, merchantCarts: placed.map { ($0, $1.cart) }, createdAt: cart.createdAt),
            externalID: placed.count == 1 ? placed[0].1.orderNumber : nil, salesChannelID: cart.salesChannelID,
            metadata: ["cartbridge": ["merchants": .array(merchants)]],
            totals: CartTotals.sum(contributions.map(\.totals)), createdAt: createdAt)
    }

    /// One merchant's charge: its total, by the cart's payment provider, with the card as masked as the payment
    /// session showed it (Stripe's `card_last4` key, which storefronts' order pages read).
    static func payment(domain: String, order: PlacedMerchantOrder, orderID: String, cart: BridgeCart, currency: String)
        -> Payment
    {
        var data: JSONObject = ["merchant": .string(domain), "order_number": .string(order.orderNumber)]
        if let card = cart.payment?.card {
            data["card_brand"] = .string(card.brand)
            data["card_last4"] = .string(card.lastFour)
            data["card_exp_month"] = .integer(card.expMonth)
            data["card_exp_year"] = .integer(card.expYear)
        }
        return Payment(
            id: StableID.payment(domain: domain, merchantCartID: order.merchantCartID).id, cartID: cart.id,
            orderID: orderID, amount: MoneyTranslation.minorUnits(order.cart.total), currencyCode: currency,
            providerID: cart.payment?.providerID ?? "", data: data, createdAt: order.placedAt)
    }
}
