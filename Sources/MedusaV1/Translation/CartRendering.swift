import Bridge
import Foundation
import FullCartAPI
import MedusaAPI

/// The bridge's cart (with each merchant's last snapshot) → Medusa's `Cart`. Pure: rendering never calls a
/// merchant, so a `GET /store/carts/{id}` answers from what the last mutation saw.
///
/// Totals are the sums of the merchants' (see `MerchantContribution`). Merchants auto-select a shipping method per
/// shipment, but Medusa shows a method only once the storefront chose one, so `shipping_total` counts chosen
/// methods only; once every shipment (profile) has its chosen method, `total` equals the sum of the merchants'
/// `total`s.
public enum CartRendering {
    public static func render(
        _ cart: BridgeCart, region: Region, catalog: [String: CatalogVariantInfo], pinned: PinnedIDs,
        paymentSessionData: (PaymentState) -> JSONObject
    ) -> Cart {
        let merchants = cart.merchants.compactMap { merchant in merchant.snapshot.map { (merchant, $0) } }
        let contributions = merchants.map { merchant, snapshot in
            MerchantContribution(
                merchantCart: snapshot,
                shown: MerchantContribution.chosenMethods(
                    domain: merchant.domain, cart: snapshot, choices: cart.shippingPlan),
                lines: LineItemTranslation(
                    domain: merchant.domain, cartID: cart.id, orderID: nil, catalog: catalog, pinned: pinned,
                    createdAt: cart.createdAt, updatedAt: merchant.snapshotAt ?? cart.updatedAt),
                region: region)
        }
        let totals = CartTotals.sum(contributions.map(\.totals))
        let metadata: JSONObject = [
            "cartbridge": [
                "merchants": .array(
                    merchants.map { merchant, snapshot in
                        CartMetadata.merchant(
                            domain: merchant.domain, cart: snapshot, orderNumber: merchant.placedOrder?.orderNumber)
                    })
            ]
        ]
        return Cart(
            id: cart.id, region: region, email: cart.email, customerID: cart.customerID,
            billingAddress: cart.billingAddress.map(AddressRendering.medusaAddress),
            shippingAddress: cart.shippingAddress.map(AddressRendering.medusaAddress),
            items: contributions.flatMap(\.items),
            discounts: DiscountTranslation.discounts(
                codes: cart.discountCodes, merchantCarts: merchants.map { ($0.domain, $1) }, createdAt: cart.createdAt),
            shippingMethods: contributions.flatMap(\.shippingMethods),
            paymentSessions: PaymentSessionTranslation.sessions(
                cart.payment, cartID: cart.id, amount: totals.total, data: paymentSessionData),
            type: .default, completedAt: cart.completedAt, idempotencyKey: nil, context: cart.context,
            salesChannelID: cart.salesChannelID, metadata: metadata, totals: totals, createdAt: cart.createdAt,
            updatedAt: cart.updatedAt)
    }
}
