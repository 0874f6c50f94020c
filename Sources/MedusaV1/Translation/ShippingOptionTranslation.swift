import Bridge
import Foundation
import FullCartAPI
import MedusaAPI

/// Merchant shipments → Medusa shipping options and methods.
///
/// Each merchant shipment is its own Medusa shipping profile (`StableID.shippingProfile`), and each of its
/// method options one flat-rate shipping option of that profile, so Medusa's "one method per profile" rule lets
/// the storefront choose every shipment's method independently.
public enum ShippingOptionTranslation {
    /// Used when the region lists no fulfillment provider.
    public static let defaultProviderID = "cartbridge"

    /// Every method option of every shipment of the merchants with items. Prices are the merchant's, before tax:
    /// the merchant taxes shipping (or not) inside its `tax_total`, which the cart shows as item tax.
    public static func options(for cart: BridgeCart, region: Region) -> [PricedShippingOption] {
        cart.activeMerchants.flatMap { merchant -> [PricedShippingOption] in
            guard let snapshot = merchant.snapshot else { return [] }
            return snapshot.shipments.flatMap { shipment in
                shipment.shippingMethodOptions.map { method in
                    PricedShippingOption(
                        shippingOption(
                            domain: merchant.domain, merchantName: snapshot.displayName, shipment: shipment,
                            method: method, region: region, createdAt: merchant.snapshotAt ?? cart.updatedAt),
                        pricing: ShippingOptionPricing(priceInclTax: method.price.minorUnits))
                }
            }
        }
    }

    /// The merchant shipment and method behind an option id; nil for an id CartBridge did not hand out.
    public static func parse(optionID: String) -> (domain: String, shipmentID: String, methodID: String)? {
        guard case .shippingOption(let domain, let shipmentID, let methodID) = StableID(optionID) else { return nil }
        return (domain, shipmentID, methodID)
    }

    /// What an option (and a method chosen from it) carries in `data`: enough to call set-shipping-method.
    public static func data(domain: String, shipment: FullCartShipment, method: FullCartShippingMethod) -> JSONObject {
        [
            "domain": .string(domain), "shipment_id": .string(shipment.shipmentID), "method_id": .string(method.id),
            "fulfillment_type": .optional(shipment.fulfillmentType?.id),
        ]
    }

    static func shippingOption(
        domain: String, merchantName: String?, shipment: FullCartShipment, method: FullCartShippingMethod,
        region: Region, createdAt: Date
    ) -> ShippingOption {
        let name = [method.description ?? method.id, method.estimatedDelivery.map { "(\($0))" }]
            .compactMap { $0 }.joined(separator: " ")
        let metadata: JSONObject = [
            "cartbridge": [
                "domain": .string(domain), "merchant_name": .optional(merchantName),
                "shipment_id": .string(shipment.shipmentID),
                "line_item_ids": .array(
                    shipment.lineItemIDs.map { .string(StableID.lineItem(domain: domain, lineItemID: $0).id) }),
                "estimated_delivery": .optional(method.estimatedDelivery),
                "fulfillment_type_name": .optional(shipment.fulfillmentType?.name),
            ]
        ]
        return ShippingOption(
            id: StableID.shippingOption(domain: domain, shipmentID: shipment.shipmentID, methodID: method.id).id,
            name: name, regionID: region.id,
            profileID: StableID.shippingProfile(domain: domain, shipmentID: shipment.shipmentID).id,
            providerID: region.fulfillmentProviders.first?.id ?? defaultProviderID, priceType: .flatRate,
            amount: method.price.minorUnits, data: data(domain: domain, shipment: shipment, method: method),
            metadata: metadata, createdAt: createdAt)
    }
}
