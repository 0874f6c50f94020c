import BridgeIDs
import BridgeStore
import CardCrypto
import Foundation
import FullCartAPI
import WireJSON

/// Creating, reading and changing carts: items, addresses, email, region, discount codes and addons.
struct CartEditing: CheckoutPart {
    let dependencies: CheckoutDependencies

    func createCart(_ body: NewCart) async throws(CheckoutError) -> BridgeCart {
        let region: SalesRegion
        if let regionID = body.regionID {
            region = try self.region(id: regionID)
        } else {
            guard let first = settings.regions.first else {
                throw CheckoutError.invalidData("A region is required to create a cart")
            }
            region = first
        }
        let now = now()
        var cart = BridgeCart(id: MedusaID.make(prefix: "cart"), regionID: region.id, now: now)
        cart.salesChannelID = body.salesChannelID
        cart.customerID = body.customer?.id
        cart.email = body.customer?.email.lowercased()
        cart.context = body.context.merging(
            ["ip": body.clientIP.map(JSONValue.string) ?? .null,
             "user_agent": body.userAgent.map(JSONValue.string) ?? .null]
        ) { requested, _ in requested }
        let defaultCountry = body.countryCode ?? (region.countryCodes.count == 1 ? region.countryCodes.first : nil)
        if let country = defaultCountry?.lowercased() {
            guard region.ships(to: country) else {
                throw CheckoutError.notAllowed("Shipping country not in region")
            }
            var address = BridgeAddress(id: MedusaID.make(prefix: "addr"), now: now)
            address.countryCode = country
            cart.shippingAddress = address
        }
        let record = CartRecord(
            id: cart.id, version: 0, body: try encode(cart), createdAt: now, updatedAt: now, completedAt: nil)
        do {
            try await store.insertCart(record)
        } catch {
            throw CheckoutError.store(error)
        }
        guard !body.items.isEmpty else { return cart }
        let items = body.items
        return try await change(cart.id) { (cart) async throws(CheckoutError) in
            for item in items {
                try await addLine(variantID: item.variantID, quantity: item.quantity, to: &cart)
            }
        }
    }

    /// A cart read. Merchant snapshots younger than `settings.snapshotMaxAge` answer it as stored; older ones
    /// (all of them when the window is zero) are read afresh from their merchant first, so prices, stock and
    /// notices moved at the merchant show up; a merchant that cannot answer leaves its last snapshot in place.
    /// Placed merchant orders and completed carts are history and are never re-read.
    ///
    /// A read never waits long for a cart another request holds (perhaps on a slow merchant): after
    /// `settings.lockWaits.read` it answers the cart as stored.
    func cart(id: String) async throws(CheckoutError) -> LoadedCart {
        // With a window, an unlocked first look answers a fresh cart (the common case) with no lock and no
        // merchant call. With none, every cart with a merchant is stale, so that look would only be a second read.
        if settings.snapshotMaxAge > .zero {
            let loaded = try await load(id)
            if staleMerchantDomains(in: loaded.cart, at: now()).isEmpty { return loaded }
        }
        let refreshed = try await lockedIfFree(id, waitingAtMost: settings.lockWaits.read) {
            () async throws(CheckoutError) -> LoadedCart in
            // Read again under the lock: a concurrent mutation or read may have refreshed or completed it meanwhile.
            let stored = try await load(id)
            let stale = staleMerchantDomains(in: stored.cart, at: now())
            guard !stale.isEmpty else { return stored }
            var loaded = stored
            for domain in stale {
                guard var merchant = loaded.cart.merchant(domain) else { continue }
                do throws(CheckoutError) {
                    try await refreshMerchant(&merchant, in: loaded.cart)
                    loaded.cart.upsert(merchant)
                } catch {
                    // A read is not worth failing over a merchant that cannot answer now: the last snapshot
                    // stands, and the next mutation or the completion meets the outage itself.
                    logger.warning(
                        "serving the stored merchant cart: refresh failed",
                        metadata: ["merchant": "\(domain)", "error": "\(error)"])
                }
            }
            // With no window the new snapshot time is never consulted, so an answer identical to what is stored
            // (the usual case) needs no write, and the answer is the stored version itself: a read then costs no
            // SQLite transaction, and an adapter may reuse what it rendered for that version.
            if settings.snapshotMaxAge <= .zero,
                !zip(stored.cart.merchants, loaded.cart.merchants).contains(where: {
                    $0.session != $1.session || $0.snapshot != $1.snapshot
                })
            {
                return stored
            }
            return try await save(loaded)
        }
        guard let refreshed else {
            logger.notice("serving the stored cart: another request holds it", metadata: ["cart": "\(id)"])
            return try await load(id)
        }
        return refreshed
    }

    /// The cart as stored, without asking any merchant or waiting for its lock.
    func storedCart(id: String) async throws(CheckoutError) -> BridgeCart {
        try await load(id).cart
    }

    /// The merchants a read must ask again: not yet placed, with a snapshot (the ones `refreshSnapshots`
    /// reads), older than the freshness window. A completed cart has none.
    func staleMerchantDomains(in cart: BridgeCart, at now: Date) -> [String] {
        guard cart.completedAt == nil else { return [] }
        let maxAge = settings.snapshotMaxAge.timeInterval
        return cart.merchants.filter { merchant in
            guard merchant.placedOrder == nil, merchant.snapshot != nil else { return false }
            // No timestamp (written before snapshots were dated) counts as stale.
            guard maxAge > 0, let taken = merchant.snapshotAt else { return true }
            return now.timeIntervalSince(taken) >= maxAge
        }.map(\.domain)
    }

    func updateCart(id: String, _ changes: CartChanges) async throws(CheckoutError) -> BridgeCart {
        try await change(id) { (cart) async throws(CheckoutError) in
            let now = now()
            if let regionID = changes.regionID, regionID != cart.regionID {
                _ = try region(id: regionID)
                cart.regionID = regionID
            }
            let previousEmail = cart.email
            if let email = changes.customer?.email ?? changes.email { cart.email = email.lowercased() }
            if let customer = changes.customer { cart.customerID = customer.id }
            if let salesChannelID = changes.salesChannelID { cart.salesChannelID = salesChannelID }
            if let context = changes.context {
                cart.context.merge(context) { _, new in new }
                guard JSONValue.object(cart.context).encodedByteCount <= Self.maxContextBytes else {
                    throw CheckoutError.invalidData(
                        "context must be at most \(Self.maxContextBytes) bytes of JSON, merged with the cart's")
                }
            }
            if let countryCode = changes.countryCode {
                var address = cart.shippingAddress ?? BridgeAddress(id: MedusaID.make(prefix: "addr"), now: now)
                address.countryCode = countryCode.lowercased()
                cart.shippingAddress = address
            }
            if let change = changes.shippingAddress {
                cart.shippingAddress = try applying(change, to: cart.shippingAddress, now: now)
            }
            if let change = changes.billingAddress {
                cart.billingAddress = try applying(change, to: cart.billingAddress, now: now)
            }
            if let country = cart.shippingAddress?.countryCode {
                guard try region(for: cart).ships(to: country) else {
                    throw CheckoutError.invalidData("Shipping country must be in the cart region")
                }
            }
            // A logged-in customer's every update names their email; only a new one goes to the merchants.
            let emailChanged = changes.customer == nil ? changes.email != nil : cart.email != previousEmail
            if emailChanged || changes.shippingAddress != nil || changes.countryCode != nil {
                try await pushShippingInfo(&cart, force: true)
            }
            if let codes = changes.discountCodes {
                try await replaceDiscounts(&cart, with: codes.map { $0.uppercased() })
            }
        }
    }

    /// The most JSON a cart's `context` may hold once merged.
    static let maxContextBytes = 16 * 1024

    func addLineItem(cartID: String, variantID: String, quantity: Int) async throws(CheckoutError) -> BridgeCart {
        try await change(cartID) { (cart) async throws(CheckoutError) in
            try await addLine(variantID: variantID, quantity: quantity, to: &cart)
        }
    }

    func updateLineItem(cartID: String, lineID: String, quantity: Int) async throws(CheckoutError) -> BridgeCart {
        try await change(cartID) { (cart) async throws(CheckoutError) in
            try await setQuantity(quantity, ofLine: lineID, in: &cart, missing: .fail)
        }
    }

    func deleteLineItem(cartID: String, lineID: String) async throws(CheckoutError) -> BridgeCart {
        try await change(cartID) { (cart) async throws(CheckoutError) in
            try await setQuantity(0, ofLine: lineID, in: &cart, missing: .ignore)
        }
    }

    func deleteDiscount(cartID: String, code: String) async throws(CheckoutError) -> BridgeCart {
        try await change(cartID) { (cart) async throws(CheckoutError) in
            try await replaceDiscounts(&cart, with: cart.discountCodes.filter { $0 != code.uppercased() })
        }
    }

    /// Adds a catalog variant at its merchant; a merchant joining the cart gets the address and codes so far.
    func addLine(variantID: String, quantity: Int, to cart: inout BridgeCart) async throws(CheckoutError) {
        guard quantity >= 1 else { throw CheckoutError.invalidData("quantity must not be less than 1") }
        guard let key = tables.pinnedIDs.variantKey(forID: variantID),
            let (_, variant) = try await catalog.variant(domain: key.domain, sku: key.sku)
        else {
            throw CheckoutError.notFound("Variant with id: \(variantID) was not found")
        }
        let domain = key.domain
        var merchant = try await merchantCart(for: domain, in: cart)
        let isNewMerchant = merchant.snapshot == nil
        // Adding twice adds twice: an add whose answer was lost is read back, never left for a blind retry.
        let before = Self.units(of: key.sku, in: merchant.snapshot)
        try await callOnce(&merchant, in: cart) { client, session async throws(FullCartError) in
            try await client.addLineItem(.init(addToCartRef: variant.addToCartRef, quantity: quantity), flushCart: false, session: session)
        } applied: { readBack in
            Self.units(of: key.sku, in: readBack) != before
        }
        cart.upsert(merchant)
        if isNewMerchant {
            try await pushShippingInfo(&cart, force: false)
            try await applyDiscounts(cart.discountCodes, to: domain, in: &cart)
        }
        lineItemsChanged(&cart)
    }

    /// How many units of `sku` a merchant cart holds.
    static func units(of sku: String, in cart: FullCartCart?) -> Int {
        (cart?.lineItems ?? []).filter { ($0.sku ?? $0.variantID) == sku }.reduce(0) { $0 + $1.quantity }
    }

    enum MissingLine { case fail, ignore }

    func setQuantity(_ quantity: Int, ofLine lineID: String, in cart: inout BridgeCart, missing: MissingLine)
        async throws(CheckoutError)
    {
        switch StableID(lineID) {
        case .lineItem(let domain, let merchantLineID)?
        where cart.merchant(domain)?.snapshot?.lineItems.contains(where: { $0.lineItemID == merchantLineID }) == true:
            guard var merchant = cart.merchant(domain) else { return }
            try await call(&merchant, in: cart) { client, session async throws(FullCartError) in
                try await client.updateLineItem(id: merchantLineID, quantity: quantity, session: session)
            }
            cart.upsert(merchant)
            lineItemsChanged(&cart)
        case .addonLine(let domain, let addonID, let merchantLineID)? where quantity == 0:
            try await deselectAddon(addonID, lineItemID: merchantLineID, domain: domain, in: &cart)
        case .addonLine?:
            throw CheckoutError.invalidData("An addon line can only be removed; its quantity is 1")
        default:
            if missing == .fail { throw CheckoutError.invalidData("Could not find the line item") }
        }
    }

    func applying(_ change: AddressChange, to current: BridgeAddress?, now: Date) throws(CheckoutError)
        -> BridgeAddress?
    {
        switch change {
        case .clear: return nil
        case .storedAddress(let id):
            throw CheckoutError.notFound("Address with id \(id) was not found")
        case .edit(let edit):
            var address = current ?? BridgeAddress(id: MedusaID.make(prefix: "addr"), now: now)
            edit(&address)
            address.countryCode = address.countryCode?.lowercased()
            address.updatedAt = now
            return address
        }
    }

    /// Replaces the cart's codes: each merchant's codes are cleared and the new list applied. A code no
    /// merchant accepts is an error, as in Medusa, and the merchants get the previous codes back: the
    /// cart is then not saved, so the merchants must match what it still says.
    func replaceDiscounts(_ cart: inout BridgeCart, with codes: [String]) async throws(CheckoutError) {
        let previous = cart.discountCodes
        do throws(CheckoutError) {
            try await applyDiscountList(codes, to: &cart)
        } catch {
            var restored = cart
            try? await applyDiscountList(previous, to: &restored)
            throw error
        }
    }

    private func applyDiscountList(_ codes: [String], to cart: inout BridgeCart) async throws(CheckoutError) {
        for var merchant in cart.activeMerchants where !(merchant.snapshot?.coupons.isEmpty ?? true) {
            try await call(&merchant, in: cart) { client, session async throws(FullCartError) in
                try await client.clearPromoCodes(session: session)
            }
            cart.upsert(merchant)
        }
        cart.discountCodes = []
        for code in codes {
            var accepted = false
            var lastError: CheckoutError?
            for merchant in cart.activeMerchants {
                do throws(CheckoutError) {
                    try await applyDiscounts([code], to: merchant.domain, in: &cart, tolerateRejection: false)
                    accepted = true
                } catch {
                    lastError = error
                }
            }
            guard accepted else {
                throw lastError ?? CheckoutError.notFound("Discounts with code [\(code)] was not found")
            }
            cart.discountCodes.append(code)
        }
    }

    /// CartBridge extension: select and deselect merchant addons. An `addon_id` is the merchant's; when
    /// several merchants of the cart offer the same id (e.g. shipping protection) it applies to each. A
    /// child id (one choice of a required addon) selects that choice of its parent.
    func updateAddons(cartID: String, _ changes: AddonChanges) async throws(CheckoutError) -> BridgeCart {
        try await change(cartID) { (cart) async throws(CheckoutError) in
            for deselection in changes.deselect {
                let line = try deselection.lineID.map { (id) throws(CheckoutError) in try merchantLine(id) }
                // Only where it is selected: a cart-wide addon chosen at one of two merchants offering it.
                let selected = selecting(deselection.addonID, in: cart)
                let domains = line.map { [$0.domain] } ?? (selected.isEmpty ? offering(deselection.addonID, in: cart) : selected)
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

    /// Domains whose current offers include `addonID` (directly or as a choice of a parent offer).
    func offering(_ addonID: String, in cart: BridgeCart) -> [String] {
        cart.activeMerchants.filter { merchant in
            (merchant.snapshot?.addons.offers ?? []).contains { offer in
                offer.addonID == addonID || offer.childOffers?.contains { $0.addonID == addonID } == true
            }
        }.map(\.domain)
    }

    /// Domains whose selections include `addonID` (directly or as the chosen child of a parent offer).
    func selecting(_ addonID: String, in cart: BridgeCart) -> [String] {
        cart.activeMerchants.filter { merchant in
            (merchant.snapshot?.addons.selections ?? []).contains { selection in
                selection.addonID == addonID || selection.selectedChildIDs?.contains(addonID) == true
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
