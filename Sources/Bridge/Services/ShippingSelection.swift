import Foundation
import FullCartAPI
import WireJSON

/// Choosing a shipping method per merchant shipment.
struct ShippingSelection: CheckoutPart {
    let dependencies: CheckoutDependencies

    /// One method per profile (= merchant shipment): a new choice replaces the profile's previous one.
    func addShippingMethod(cartID: String, optionID: String, data: [String: JSONValue])
        async throws(CheckoutError) -> BridgeCart
    {
        try await change(cartID) { (cart) async throws(CheckoutError) in
            guard case .shippingOption(let domain, let shipmentID, let methodID)? = StableID(optionID),
                var merchant = cart.merchant(domain),
                let shipment = merchant.snapshot?.shipments.first(where: { $0.shipmentID == shipmentID }),
                shipment.shippingMethodOptions.contains(where: { $0.id == methodID })
            else {
                throw CheckoutError.notFound("Shipping Option with \(optionID) was not found")
            }
            try await requireCompleteShippingAddress(cart)
            if merchant.snapshot?.shippingInfo == nil {
                try await pushShippingInfo(&cart, force: false)
                merchant = cart.merchant(domain) ?? merchant
            }
            if shipment.shippingMethod?.id != methodID {
                try await call(&merchant, in: cart) { client, session async throws(FullCartError) in
                    try await client.setShippingMethod(
                        .init(shipmentID: shipmentID, shippingMethodID: methodID), session: session)
                }
                cart.upsert(merchant)
            }
            cart.shippingChoices.removeAll { $0.domain == domain && $0.shipmentID == shipmentID }
            cart.shippingChoices.append(
                ShippingChoice(
                    methodID: StableID.shippingMethod(domain: domain, shipmentID: shipmentID, methodID: methodID).id,
                    domain: domain, shipmentID: shipmentID, shippingMethodID: methodID, data: data))
        }
    }

    /// The merchant needs the whole address and an email; say which fields are missing, in Medusa's names.
    func requireCompleteShippingAddress(_ cart: BridgeCart) async throws(CheckoutError) {
        guard let address = cart.shippingAddress else {
            throw CheckoutError.invalidData("Missing required fields for merchant checkout: shipping_address")
        }
        try addresses.validate(address, email: cart.email)
    }
}
