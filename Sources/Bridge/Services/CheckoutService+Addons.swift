import Foundation
import FullCartAPI

extension CheckoutService {
    /// CartBridge extension: select and deselect merchant addons. An `addon_id` is the merchant's; when
    /// several merchants of the cart offer the same id (e.g. shipping protection) it applies to each. A
    /// child id (one choice of a required addon) selects that choice of its parent.
    public func updateAddons(cartID: String, _ changes: AddonChanges) async throws(CheckoutError) -> BridgeCart {
        try await change(cartID) { (cart) async throws(CheckoutError) in
            for deselection in changes.deselect {
                let line = try deselection.lineID.map { (id) throws(CheckoutError) in try merchantLine(id) }
                let domains = line.map { [$0.domain] } ?? offering(deselection.addonID, in: cart)
                for domain in domains {
                    try await deselectAddon(deselection.addonID, lineItemID: line?.lineID, domain: domain, in: &cart)
                }
            }
            for selection in changes.select {
                let lines = try selection.lineIDs.map { (id) throws(CheckoutError) in try merchantLine(id) }
                let domains = Set(lines.map(\.domain))
                guard domains.count <= 1 else {
                    throw CheckoutError.invalidData("line_item_ids of one addon must belong to one merchant")
                }
                let candidates = domains.isEmpty ? offering(selection.addonID, in: cart) : Array(domains)
                guard !candidates.isEmpty else {
                    throw CheckoutError.notFound("Addon \(selection.addonID) is not offered for this cart")
                }
                for domain in candidates {
                    try await selectAddon(selection.addonID, lineIDs: lines.map(\.lineID), domain: domain, in: &cart)
                }
            }
        }
    }

    func selectAddon(_ addonID: String, lineIDs: [String], domain: String, in cart: inout BridgeCart)
        async throws(CheckoutError)
    {
        guard var merchant = cart.merchant(domain) else { return }
        let offers = merchant.snapshot?.addons.offers ?? []
        let selection: FullCartAddonSelection
        if let parent = offers.first(where: { $0.childOffers?.contains { $0.addonID == addonID } == true }) {
            selection = FullCartAddonSelection(addonID: parent.addonID, selectedChildIDs: [addonID])
        } else {
            selection = FullCartAddonSelection(addonID: addonID, selectedLineItemIDs: lineIDs.isEmpty ? nil : lineIDs)
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

    /// Domains whose current offers include `addonID` (directly or as a choice of a parent offer).
    func offering(_ addonID: String, in cart: BridgeCart) -> [String] {
        cart.activeMerchants.filter { merchant in
            (merchant.snapshot?.addons.offers ?? []).contains { offer in
                offer.addonID == addonID || offer.childOffers?.contains { $0.addonID == addonID } == true
            }
        }.map(\.domain)
    }

    func merchantLine(_ medusaLineID: String) throws(CheckoutError) -> (domain: String, lineID: String) {
        guard case .lineItem(let domain, let lineID)? = StableID(medusaLineID) else {
            throw CheckoutError.invalidData("Could not find the line item \(medusaLineID)")
        }
        return (domain, lineID)
    }
}
