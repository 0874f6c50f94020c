/// Cart money arithmetic in integer minor units. Pure: the same inputs always give the same totals.
///
/// - `sub_total` = Σ unit price × quantity
/// - `shipping_total` = Σ selected shipping method prices
/// - `addon_total` = Σ selected addon prices
/// - `cart_discount` = merchandise discount (percent codes, each rounded half-up, plus amount codes, capped at
///   `sub_total`) + shipping discount (all of `shipping_total` when a free-shipping code applies)
/// - `tax_total` = rate × taxable base, rounded half-up; the taxable base is
///   `sub_total − merchandise discount + addon_total` (shipping is not taxed)
/// - `total` = `sub_total + shipping_total + tax_total + addon_total − cart_discount`
enum CartPricing {
    struct Input: Sendable, Equatable {
        var linePrices: [Int] = []
        var shippingPrices: [Int] = []
        var addonPrices: [Int] = []
        var promotions: [Promotion] = []
        var taxRateBasisPoints = 0
    }

    enum Promotion: Sendable, Equatable {
        case percentOff(Int)
        case amountOff(Int)
        case freeShipping
    }

    struct Totals: Sendable, Equatable {
        var subTotal: Int
        var shippingTotal: Int
        var addonTotal: Int
        var cartDiscount: Int
        var taxTotal: Int
        var total: Int
    }

    static func totals(_ input: Input) -> Totals {
        let subTotal = input.linePrices.reduce(0, +)
        let shippingTotal = input.shippingPrices.reduce(0, +)
        let addonTotal = input.addonPrices.reduce(0, +)
        let merchandiseDiscount = min(
            subTotal,
            input.promotions.reduce(0) { discount, promotion in
                switch promotion {
                case .percentOff(let percent): discount + roundHalfUp(subTotal, basisPoints: percent * 100)
                case .amountOff(let amount): discount + amount
                case .freeShipping: discount
                }
            })
        let shippingDiscount = input.promotions.contains(.freeShipping) ? shippingTotal : 0
        let taxable = max(0, subTotal - merchandiseDiscount + addonTotal)
        let taxTotal = roundHalfUp(taxable, basisPoints: input.taxRateBasisPoints)
        let cartDiscount = merchandiseDiscount + shippingDiscount
        return Totals(
            subTotal: subTotal, shippingTotal: shippingTotal, addonTotal: addonTotal, cartDiscount: cartDiscount,
            taxTotal: taxTotal, total: subTotal + shippingTotal + taxTotal + addonTotal - cartDiscount)
    }

    /// `amount × basisPoints / 10 000`, halves rounded up; `amount` is not negative.
    static func roundHalfUp(_ amount: Int, basisPoints: Int) -> Int {
        (amount * basisPoints + 5_000) / 10_000
    }
}

extension PromoCode {
    var promotion: CartPricing.Promotion {
        switch kind {
        case .percentOff: .percentOff(value ?? 0)
        case .amountOff: .amountOff(value ?? 0)
        case .freeShipping: .freeShipping
        }
    }
}
