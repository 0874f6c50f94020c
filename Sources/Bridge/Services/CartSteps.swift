import Foundation
import FullCartAPI

/// Steps several parts take on a cart: the shipping address to the merchants, promo codes at a merchant,
/// an addon selected or removed, shipping choices reset.
extension CheckoutPart {
    /// Sends the shipping address to every merchant with items once it is complete enough for them. An
    /// incomplete address is kept locally: completion names the missing fields before any merchant call.
    /// `force` re-sends it to merchants that already have one (the storefront changed it).
    func pushShippingInfo(_ cart: inout BridgeCart, force: Bool) async throws(CheckoutError) {
        guard let address = cart.shippingAddress,
            addresses.missingRequiredFields(address, email: cart.email).isEmpty
        else { return }
        let info = addresses.fullCart(address, email: cart.email)
        for var merchant in cart.activeMerchants where force || merchant.snapshot?.shippingInfo == nil {
            try await call(&merchant, in: cart) { client, session async throws(FullCartError) in
                try await client.setShippingInfo(info, session: session)
            }
            cart.upsert(merchant)
        }
        // New prices per shipment: the storefront picks methods again.
        if force { cart.shippingChoices = [] }
    }

    /// Applies codes at one merchant; by default a merchant that rejects a code simply does not get it
    /// (another merchant of the cart accepted it).
    func applyDiscounts(_ codes: [String], to domain: String, in cart: inout BridgeCart, tolerateRejection: Bool = true)
        async throws(CheckoutError)
    {
        guard !codes.isEmpty, var merchant = cart.merchant(domain) else { return }
        do throws(CheckoutError) {
            try await call(&merchant, in: cart) { client, session async throws(FullCartError) in
                try await client.applyPromoCodes(codes, session: session)
            }
            cart.upsert(merchant)
        } catch {
            guard tolerateRejection, Self.isMerchantRefusal(error) else { throw error }
        }
    }

    /// The merchant's own definite "no" to a request (a 4xx in its envelope, not about our session): another
    /// merchant of the cart may still say yes. Outages, timeouts and unreadable answers are not refusals.
    static func isMerchantRefusal(_ error: CheckoutError) -> Bool {
        guard case .merchant(let failure, _) = error.kind, failure.kind == .merchant, !failure.isTransient,
            let status = failure.status
        else { return false }
        return (400..<500).contains(status) && status != 401 && status != 403
    }

    /// Selects an addon at one merchant; a child id (one choice of a required addon) selects that choice of its
    /// parent.
    func selectAddon(_ addonID: String, lineIDs: [String], domain: String, in cart: inout BridgeCart)
        async throws(CheckoutError)
    {
        guard var merchant = cart.merchant(domain) else { return }
        let offers = merchant.snapshot?.addons.offers ?? []
        let selection: FullCartAddonSelection
        if let parent = offers.first(where: { $0.childOffers?.contains { $0.addonID == addonID } == true }) {
            selection = FullCartAddonSelection(addonID: parent.addonID, selectedChildIDs: [addonID])
        } else {
            // Lines only pick the merchant of a cart-wide addon; the merchant is told lines only for item addons.
            let coversItems = offers.first { $0.addonID == addonID }?.scope.uppercased() != "CART"
            selection = FullCartAddonSelection(
                addonID: addonID, selectedLineItemIDs: lineIDs.isEmpty || !coversItems ? nil : lineIDs)
        }
        try await call(&merchant, in: cart) { client, session async throws(FullCartError) in
            try await client.addAddon(selection, session: session)
        }
        cart.upsert(merchant)
    }

    func deselectAddon(_ addonID: String, lineItemID: String?, domain: String, in cart: inout BridgeCart)
        async throws(CheckoutError)
    {
        guard var merchant = cart.merchant(domain) else { return }
        let offers = merchant.snapshot?.addons.offers ?? []
        let parent = offers.first { $0.childOffers?.contains { $0.addonID == addonID } == true }
        let request = FullCartRemoveAddonRequest(
            addonID: parent?.addonID ?? addonID, deselectedLineItemID: lineItemID,
            deselectedChildID: parent == nil ? nil : addonID)
        try await call(&merchant, in: cart) { client, session async throws(FullCartError) in
            try await client.removeAddon(request, session: session)
        }
        cart.upsert(merchant)
    }

    /// Medusa drops every shipping method when the items change; the storefront chooses again.
    func lineItemsChanged(_ cart: inout BridgeCart) {
        cart.shippingChoices = []
    }
}
