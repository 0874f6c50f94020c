/// Consistency checks a catalog file must pass before the simulator serves it.
enum CatalogValidation {
    /// The first problem found, phrased with its location in the file; nil when the catalog is usable.
    static func firstProblem(in file: CatalogFile) -> String? {
        if file.merchants.isEmpty { return "merchants: needs at least one merchant" }
        if let domain = duplicate(in: file.merchants.map(\.domain)) {
            return "merchants: domain \"\(domain)\" appears more than once"
        }
        for (index, merchant) in file.merchants.enumerated() {
            if let problem = problem(in: merchant) {
                return "merchants[\(index)] (\(merchant.domain)): \(problem)"
            }
        }
        return nil
    }

    private static func problem(in merchant: Merchant) -> String? {
        if merchant.domain.isEmpty || merchant.domain.contains("/") {
            return "domain must be a host name"
        }
        if merchant.currency.count != 3 || merchant.currency != merchant.currency.uppercased() {
            return "currency must be an upper-case ISO 4217 code"
        }
        return shippingProblem(in: merchant) ?? taxProblem(in: merchant) ?? productProblem(in: merchant)
            ?? promoProblem(in: merchant) ?? addonProblem(in: merchant)
    }

    private static func shippingProblem(in merchant: Merchant) -> String? {
        if merchant.shippingClasses.isEmpty { return "shipping_classes: needs at least one class" }
        if let id = duplicate(in: merchant.shippingClasses.map(\.id)) {
            return "shipping_classes: id \"\(id)\" appears more than once"
        }
        for shippingClass in merchant.shippingClasses {
            if shippingClass.fulfillmentTypes.isEmpty {
                return "shipping class \"\(shippingClass.id)\" needs at least one fulfillment type"
            }
            for option in shippingClass.fulfillmentTypes {
                if option.methods.isEmpty {
                    return "shipping class \"\(shippingClass.id)\" fulfillment type \(option.id) has no methods"
                }
                if let method = option.methods.first(where: { $0.price < 0 }) {
                    return "shipping method \(method.id) has a negative price"
                }
            }
        }
        return nil
    }

    private static func taxProblem(in merchant: Merchant) -> String? {
        for (state, rate) in merchant.taxRates.sorted(by: { $0.key < $1.key }) {
            if USStates.name(forCode: state) == nil { return "tax_rates: \"\(state)\" is not a US state code" }
            if !(0...10_000).contains(rate) { return "tax_rates.\(state): basis points must be 0...10000" }
        }
        return nil
    }

    private static func productProblem(in merchant: Merchant) -> String? {
        if merchant.products.isEmpty { return "products: needs at least one product" }
        if let handle = duplicate(in: merchant.products.map(\.handle)) {
            return "products: handle \"\(handle)\" appears more than once"
        }
        if let sku = duplicate(in: merchant.products.flatMap { $0.variants.map(\.sku) }) {
            return "products: SKU \"\(sku)\" appears more than once"
        }
        for product in merchant.products {
            let at = "product \"\(product.handle)\""
            if merchant.shippingClass(id: product.shippingClass) == nil {
                return "\(at): unknown shipping_class \"\(product.shippingClass)\""
            }
            if product.variants.isEmpty { return "\(at): needs at least one variant" }
            if let state = (product.restrictedStates ?? []).first(where: { USStates.name(forCode: $0) == nil }) {
                return "\(at): restricted_states has \"\(state)\", not a US state code"
            }
            for variant in product.variants {
                if variant.options.count != product.options.count {
                    return "\(at) variant \(variant.sku): needs one value per product option"
                }
                for (option, value) in zip(product.options, variant.options) where !option.values.contains(value) {
                    return "\(at) variant \(variant.sku): \"\(value)\" is not a value of option \(option.name)"
                }
                if variant.price < 0 || variant.msrp < 0 || variant.stock < 0 {
                    return "\(at) variant \(variant.sku): price, msrp and stock must not be negative"
                }
            }
        }
        return nil
    }

    private static func promoProblem(in merchant: Merchant) -> String? {
        if let code = duplicate(in: merchant.promoCodes.map { $0.code.uppercased() }) {
            return "promo_codes: \"\(code)\" appears more than once"
        }
        for promo in merchant.promoCodes {
            switch promo.kind {
            case .percentOff where !(1...100).contains(promo.value ?? 0):
                return "promo code \(promo.code): percent_off needs a value of 1...100"
            case .amountOff where (promo.value ?? 0) <= 0:
                return "promo code \(promo.code): amount_off needs a positive value in cents"
            default:
                continue
            }
        }
        return nil
    }

    private static func addonProblem(in merchant: Merchant) -> String? {
        if let id = duplicate(in: merchant.addons.map(\.addonId)) {
            return "addons: addon_id \"\(id)\" appears more than once"
        }
        let handles = Set(merchant.products.map(\.handle))
        for addon in merchant.addons {
            let at = "addon \(addon.addonId)"
            if let handle = (addon.offeredWith ?? []).first(where: { !handles.contains($0) }) {
                return "\(at): offered_with names unknown product \"\(handle)\""
            }
            switch addon.scope {
            case .cart:
                let choices = addon.choices ?? []
                if addon.price == nil && choices.isEmpty { return "\(at): a CART addon needs a price or choices" }
                if addon.price != nil && !choices.isEmpty { return "\(at): give either a price or choices, not both" }
                if let id = duplicate(in: choices.map(\.id)) { return "\(at): choice \"\(id)\" appears more than once" }
            case .item:
                guard let itemPrices = addon.itemPrices, !itemPrices.isEmpty else {
                    return "\(at): an ITEM addon needs item_prices"
                }
                if let handle = itemPrices.keys.sorted().first(where: { !handles.contains($0) }) {
                    return "\(at): item_prices names unknown product \"\(handle)\""
                }
                if addon.choices != nil { return "\(at): ITEM addons cannot have choices" }
            }
        }
        return nil
    }

    private static func duplicate(in values: [String]) -> String? {
        var seen: Set<String> = []
        return values.first { !seen.insert($0).inserted }
    }
}
