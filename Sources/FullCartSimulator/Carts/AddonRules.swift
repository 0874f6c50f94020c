import FullCartAPI

/// A cart line with its catalog price, as addon and tax rules need it.
struct PricedLine: Sendable, Equatable {
    let id: String
    let handle: String
    let unitPrice: Int
    let quantity: Int

    var linePrice: Int { unitPrice * quantity }
}

/// Which addons a cart is offered, what selections cost, and which selections survive a cart change.
enum AddonRules {
    /// An addon is offered while the cart has an eligible line: for ITEM scope a product with an item price, for
    /// CART scope any line (or a product named in `offered_with`).
    static func isOffered(_ addon: AddonDefinition, lines: [PricedLine]) -> Bool {
        !eligibleLines(addon, lines: lines).isEmpty
    }

    /// The lines that make an addon available: for ITEM scope the ones it can cover.
    static func eligibleLines(_ addon: AddonDefinition, lines: [PricedLine]) -> [PricedLine] {
        switch addon.scope {
        case .item:
            guard let itemPrices = addon.itemPrices else { return [] }
            return lines.filter { itemPrices[$0.handle] != nil }
        case .cart:
            guard let products = addon.offeredWith else { return lines }
            return lines.filter { products.contains($0.handle) }
        }
    }

    /// ITEM scope: the per-unit price of the product times the line's quantity.
    static func itemPrice(_ addon: AddonDefinition, line: PricedLine) -> Int? {
        addon.itemPrices?[line.handle].map { $0 * line.quantity }
    }

    /// The price a selection costs now (a choice's price, the CART price, or the sum over covered lines).
    static func price(of selection: AddonSelectionState, addon: AddonDefinition, lines: [PricedLine]) -> Int {
        switch addon.scope {
        case .cart:
            if let choiceID = selection.choiceID { return addon.choice(id: choiceID)?.price ?? 0 }
            return addon.price ?? 0
        case .item:
            return lines.filter { selection.lineItemIDs.contains($0.id) }
                .compactMap { itemPrice(addon, line: $0) }
                .reduce(0, +)
        }
    }

    /// Drops selections whose addon is no longer offered and ITEM coverage of lines that are gone.
    static func pruned(
        _ selections: [AddonSelectionState], addons: [AddonDefinition], lines: [PricedLine]
    ) -> [AddonSelectionState] {
        selections.compactMap { selection in
            guard let addon = addons.first(where: { $0.addonId == selection.addonID }),
                isOffered(addon, lines: lines)
            else { return nil }
            guard addon.scope == .item else { return selection }
            let eligible = Set(eligibleLines(addon, lines: lines).map(\.id))
            var kept = selection
            kept.lineItemIDs = selection.lineItemIDs.filter(eligible.contains)
            return kept.lineItemIDs.isEmpty ? nil : kept
        }
    }

    /// Offers as the cart shows them. An ITEM offer's `price` is what covering every eligible line costs;
    /// `line_item_pricing` gives each line's share. A single-choice addon lists its choices as `child_offers`
    /// and shows its cheapest choice as `price`.
    static func offers(_ addons: [AddonDefinition], lines: [PricedLine], money: (Int) -> FullCartMoney)
        -> [FullCartAddonOffer]
    {
        addons.filter { isOffered($0, lines: lines) }.map { addon in
            let display = FullCartAddonDisplay(name: addon.name, description: addon.description)
            switch addon.scope {
            case .item:
                let eligible = eligibleLines(addon, lines: lines)
                var pricing: [String: FullCartMoney] = [:]
                for line in eligible {
                    pricing[line.id] = itemPrice(addon, line: line).map(money)
                }
                return FullCartAddonOffer(
                    addonID: addon.addonId, display: display, scope: addon.scope.rawValue,
                    coverageMode: addon.coverageMode ?? "PER_ITEM", eligibleLineItemIDs: eligible.map(\.id),
                    price: money(eligible.compactMap { itemPrice(addon, line: $0) }.reduce(0, +)),
                    lineItemPricing: pricing, required: addon.isRequired)
            case .cart:
                let choices = addon.choices ?? []
                let children = choices.map { choice in
                    FullCartAddonOffer(
                        addonID: choice.id,
                        display: FullCartAddonDisplay(name: choice.name, description: choice.description),
                        scope: addon.scope.rawValue, price: money(choice.price))
                }
                let price = choices.isEmpty ? addon.price ?? 0 : choices.map(\.price).min() ?? 0
                return FullCartAddonOffer(
                    addonID: addon.addonId, display: display, scope: addon.scope.rawValue,
                    coverageMode: addon.coverageMode, eligibleLineItemIDs: eligibleLines(addon, lines: lines).map(\.id),
                    price: money(price),
                    lineItemPricing: [:], required: addon.isRequired, childOffers: children.isEmpty ? nil : children)
            }
        }
    }
}
