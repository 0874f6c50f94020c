import FullCartAPI

/// `cart_status` from a cart's notices (reference §3.8); `submitted` comes from the stored order instead.
enum CartStatusRules {
    /// An item that cannot ship outranks other problems; any other notice blocks checkout.
    static func status(notices: [FullCartNotice]) -> FullCartCartStatus {
        if notices.contains(where: { $0.code == "ITEM_NOT_SHIPPABLE" }) { return .itemNotShippable }
        return notices.isEmpty ? .active : .checkoutBlocked
    }

    /// Why a cart cannot be checked out yet, in the order a shopper would fix it; nil when it can.
    static func checkoutProblem(_ cart: FullCartCart) -> SimulatorError? {
        if cart.lineItems.isEmpty { return .missingRequiredParameters("Cart has no line items") }
        if cart.shippingInfo == nil { return .missingRequiredParameters("Cart has no shipping_info") }
        if let shipment = cart.shipments.first(where: { $0.shippingMethod == nil }) {
            return .missingRequiredParameters("Shipment '\(shipment.shipmentID)' has no shipping_method")
        }
        let selected = Set(cart.addons.selections.map(\.addonID))
        if let addon = cart.addons.offers.first(where: { $0.required == true && !selected.contains($0.addonID) }) {
            return .missingRequiredParameters("Required addon '\(addon.addonID)' has not been selected")
        }
        if cart.status != .active {
            let reasons = cart.notices.map(\.code).joined(separator: ", ")
            return .missingRequiredParameters("Cart status is \(cart.status) (\(reasons))")
        }
        return nil
    }
}
