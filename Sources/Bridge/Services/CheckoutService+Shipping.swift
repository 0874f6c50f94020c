import Foundation
import FullCartAPI
import MedusaAPI

extension CheckoutService {
    public func shippingOptions(cartID: String) async throws(MedusaError) -> [PricedShippingOption] {
        let cart = try await load(cartID).cart
        return ShippingOptionTranslation.options(for: cart, region: try region(for: cart))
    }

    /// One method per profile (= merchant shipment): a new choice replaces the profile's previous one.
    public func addShippingMethod(cartID: String, _ body: StorePostCartsCartShippingMethodReq)
        async throws(MedusaError) -> Cart
    {
        try await mutateAndRender(cartID) { (cart) async throws(MedusaError) in
            guard let (domain, shipmentID, methodID) = ShippingOptionTranslation.parse(optionID: body.optionID),
                var merchant = cart.merchant(domain),
                let shipment = merchant.snapshot?.shipments.first(where: { $0.shipmentID == shipmentID }),
                shipment.shippingMethodOptions.contains(where: { $0.id == methodID })
            else {
                throw MedusaError.notFound("Shipping Option with \(body.optionID) was not found")
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
                    domain: domain, shipmentID: shipmentID, shippingMethodID: methodID, data: body.data))
        }
    }

    /// The merchant needs the whole address and an email; say which fields are missing, in Medusa's names.
    func requireCompleteShippingAddress(_ cart: BridgeCart) async throws(MedusaError) {
        guard let address = cart.shippingAddress else {
            throw MedusaError.invalidData("Missing required fields for merchant checkout: shipping_address")
        }
        try addresses.validate(address, email: cart.email)
    }
}
