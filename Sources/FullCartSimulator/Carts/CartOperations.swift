import Foundation
import FullCartAPI

/// The cart mutations of the v2 API. Each one validates against the catalog and live stock, changes the stored
/// cart, and leaves it reconciled (shipments regrouped, methods re-selected, stale addon selections dropped).
/// Callers refuse mutations of a submitted cart before calling these.
extension CartState {
    mutating func addLine(
        _ request: FullCartAddLineItemRequest, flushCart: Bool, merchant: Merchant, stock: (String) -> Int
    ) throws(SimulatorError) {
        guard let sku = request.addToCartRef.variantID, !sku.isEmpty else {
            throw .invalidInputBody("add_to_cart_ref.variant_id is required")
        }
        guard request.quantity >= 1 else { throw .invalidInputBody("quantity must be at least 1") }
        guard merchant.variant(sku: sku) != nil else {
            throw .productNotFound("Variant '\(sku)' was not found at \(merchant.domain)")
        }
        if flushCart { clear() }
        let existing = lines.firstIndex { $0.sku == sku }
        let inCart = existing.map { lines[$0].quantity } ?? 0
        let available = stock(sku)
        // Compared this way round so that a huge quantity cannot overflow.
        guard request.quantity <= available - inCart else { throw .notEnoughStock(sku: sku, available: available) }
        if let existing {
            lines[existing].quantity = inCart + request.quantity
        } else {
            lines.append(
                CartLine(
                    id: Self.newID("item"), platformLineItemID: String(nextPlatformLineNumber), sku: sku,
                    quantity: request.quantity))
            nextPlatformLineNumber += 1
        }
        reconcile(merchant: merchant)
    }

    /// Quantity 0 removes the line.
    mutating func updateLine(id: String, quantity: Int, merchant: Merchant, stock: (String) -> Int)
        throws(SimulatorError)
    {
        guard quantity >= 0 else { throw .invalidInputBody("quantity must be 0 or more") }
        guard let index = lines.firstIndex(where: { $0.id == id }) else { throw .lineItemNotFound(id) }
        if quantity == 0 {
            lines.remove(at: index)
        } else {
            let available = stock(lines[index].sku)
            guard quantity <= available else { throw .notEnoughStock(sku: lines[index].sku, available: available) }
            lines[index].quantity = quantity
        }
        reconcile(merchant: merchant)
    }

    /// Clear cart (V4): lines, shipments, addon selections and coupons go; the cart id and shipping info stay.
    mutating func clear() {
        lines = []
        shipments = []
        addonSelections = []
        coupons = []
    }

    mutating func setShippingInfo(_ address: FullCartAddress, merchant: Merchant) throws(SimulatorError) {
        shippingInfo = try AddressRules.validated(address)
        reconcile(merchant: merchant)
    }

    /// Switching the fulfillment type re-selects the cheapest method and clears a scheduled date.
    mutating func setFulfillmentType(_ request: FullCartFulfillmentTypeRequest, merchant: Merchant)
        throws(SimulatorError)
    {
        let index = try shipmentIndex(request.shipmentID)
        guard let shippingClass = merchant.shippingClass(id: shipments[index].shippingClass),
            let option = shippingClass.fulfillmentType(id: request.fulfillmentType)
        else { throw .invalidFulfillmentType(request.fulfillmentType, shipmentID: request.shipmentID) }
        if shipments[index].fulfillmentTypeID != option.id {
            shipments[index].fulfillmentTypeID = option.id
            shipments[index].shippingMethodID = nil
            shipments[index].selectedDate = nil
        }
        reconcile(merchant: merchant)
    }

    mutating func setShippingMethod(_ request: FullCartShippingMethodRequest, merchant: Merchant)
        throws(SimulatorError)
    {
        let index = try shipmentIndex(request.shipmentID)
        let options = shippingOptions(for: shipments[index], merchant: merchant)
        guard options.contains(where: { $0.id == request.shippingMethodID }) else {
            throw .invalidShippingMethod(request.shippingMethodID, shipmentID: request.shipmentID)
        }
        if let date = request.selectedDate, !Self.isCalendarDate(date) {
            throw .invalidInputBody("selected_date must be YYYY-MM-DD")
        }
        shipments[index].shippingMethodID = request.shippingMethodID
        shipments[index].notes = request.notes ?? shipments[index].notes
        shipments[index].selectedDate = request.selectedDate ?? shipments[index].selectedDate
    }

    /// One selection per call. ITEM addons add the named lines to their coverage; a single-choice addon
    /// replaces its choice.
    mutating func selectAddon(_ selection: FullCartAddonSelection, merchant: Merchant) throws(SimulatorError) {
        let priced = pricedLines(merchant: merchant)
        guard let addon = merchant.addon(id: selection.addonID), AddonRules.isOffered(addon, lines: priced) else {
            throw .addonNotFound(selection.addonID)
        }
        var chosen =
            addonSelections.first { $0.addonID == addon.addonId } ?? AddonSelectionState(addonID: addon.addonId)
        switch addon.scope {
        case .item:
            let requested = selection.selectedLineItemIDs ?? []
            guard !requested.isEmpty else {
                throw .invalidInputBody("selected_line_item_ids is required for the ITEM addon '\(addon.addonId)'")
            }
            let eligible = Set(AddonRules.eligibleLines(addon, lines: priced).map(\.id))
            let ineligible = requested.filter { !eligible.contains($0) }
            guard ineligible.isEmpty else {
                throw .invalidInputBody(
                    "Line items not eligible for '\(addon.addonId)': \(ineligible.joined(separator: ", "))")
            }
            for id in requested where !chosen.lineItemIDs.contains(id) {
                chosen.lineItemIDs.append(id)
            }
        case .cart:
            if addon.choices != nil {
                let requested = selection.selectedChildIDs ?? []
                guard requested.count == 1, let choice = addon.choice(id: requested[0]) else {
                    let ids = (addon.choices ?? []).map(\.id).joined(separator: ", ")
                    throw .invalidInputBody("'\(addon.addonId)' needs exactly one of selected_child_ids: \(ids)")
                }
                chosen.choiceID = choice.id
            }
        }
        addonSelections.removeAll { $0.addonID == addon.addonId }
        addonSelections.append(chosen)
    }

    /// Without `deselected_line_item_id` an ITEM addon is removed from every line.
    mutating func removeAddon(_ request: FullCartRemoveAddonRequest, merchant: Merchant) throws(SimulatorError) {
        guard merchant.addon(id: request.addonID) != nil else { throw .addonNotFound(request.addonID) }
        guard let index = addonSelections.firstIndex(where: { $0.addonID == request.addonID }) else {
            throw .addonNotSelected("Addon '\(request.addonID)' is not selected")
        }
        if let lineID = request.deselectedLineItemID {
            guard addonSelections[index].lineItemIDs.contains(lineID) else {
                throw .addonNotSelected("Addon '\(request.addonID)' does not cover line item '\(lineID)'")
            }
            addonSelections[index].lineItemIDs.removeAll { $0 == lineID }
            if addonSelections[index].lineItemIDs.isEmpty { addonSelections.remove(at: index) }
        } else if let childID = request.deselectedChildID {
            guard addonSelections[index].choiceID == childID else {
                throw .addonNotSelected("Addon '\(request.addonID)' does not have '\(childID)' selected")
            }
            addonSelections.remove(at: index)
        } else {
            addonSelections.remove(at: index)
        }
    }

    mutating func applyPromoCodes(_ codes: [String], merchant: Merchant, now: Date) throws(SimulatorError) {
        guard (1...10).contains(codes.count) else { throw .invalidInputBody("promo_codes needs 1 to 10 codes") }
        let subTotal = pricedLines(merchant: merchant).map(\.linePrice).reduce(0, +)
        let accepted = try PromoRules.validate(codes, promoCodes: merchant.promoCodes, subTotal: subTotal, now: now)
        for code in accepted where !coupons.contains(code) {
            coupons.append(code)
        }
    }

    /// Regroups shipments by shipping class, keeps each shipment's method valid for the address, and drops
    /// addon selections the cart no longer qualifies for.
    mutating func reconcile(merchant: Merchant) {
        shipments = ShipmentPlanner.group(
            lines: lineClasses(merchant: merchant), existing: shipments,
            defaultFulfillmentType: { merchant.shippingClass(id: $0)?.fulfillmentTypes.first?.id ?? "" },
            makeID: { Self.newID("ship") })
        for index in shipments.indices {
            shipments[index].shippingMethodID = ShipmentPlanner.selectMethod(
                current: shipments[index].shippingMethodID,
                options: shippingOptions(for: shipments[index], merchant: merchant))
        }
        addonSelections = AddonRules.pruned(
            addonSelections, addons: merchant.addons, lines: pricedLines(merchant: merchant))
    }

    private func shippingOptions(for shipment: ShipmentState, merchant: Merchant) -> [ShippingMethodOption] {
        merchant.shippingClass(id: shipment.shippingClass)?.fulfillmentType(id: shipment.fulfillmentTypeID)?
            .methods(deliveringTo: shippingState) ?? []
    }

    private func shipmentIndex(_ id: String) throws(SimulatorError) -> Int {
        guard let index = shipments.firstIndex(where: { $0.id == id }) else { throw .shipmentNotFound(id) }
        return index
    }

    static func newID(_ prefix: String) -> String {
        "\(prefix)_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
    }

    private static func isCalendarDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.map(\.count) == [4, 2, 2], parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigitCharacter) }),
            let month = Int(parts[1]), let day = Int(parts[2])
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}
