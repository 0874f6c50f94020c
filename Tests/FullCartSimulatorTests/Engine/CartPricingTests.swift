import Testing

@testable import FullCartSimulator

struct CartPricingTests {
    struct TotalsCase: Sendable, CustomTestStringConvertible {
        let name: String
        let input: CartPricing.Input
        let expected: CartPricing.Totals
        var testDescription: String { name }
    }

    static let totalsCases: [TotalsCase] = [
        TotalsCase(
            name: "empty cart", input: CartPricing.Input(),
            expected: .init(subTotal: 0, shippingTotal: 0, addonTotal: 0, cartDiscount: 0, taxTotal: 0, total: 0)),
        TotalsCase(
            name: "lines and shipping, no tax",
            input: .init(linePrices: [4400, 5400], shippingPrices: [599]),
            expected: .init(
                subTotal: 9800, shippingTotal: 599, addonTotal: 0, cartDiscount: 0, taxTotal: 0, total: 10399)),
        TotalsCase(
            name: "CA tax on merchandise only",
            input: .init(linePrices: [10800], shippingPrices: [4999], taxRateBasisPoints: 725),
            // 108.00 × 7.25 % = 7.83
            expected: .init(
                subTotal: 10800, shippingTotal: 4999, addonTotal: 0, cartDiscount: 0, taxTotal: 783, total: 16582)),
        TotalsCase(
            name: "tax rounds half up",
            input: .init(linePrices: [200], taxRateBasisPoints: 625),
            // 2.00 × 6.25 % = 0.125 → 0.13
            expected: .init(subTotal: 200, shippingTotal: 0, addonTotal: 0, cartDiscount: 0, taxTotal: 13, total: 213)),
        TotalsCase(
            name: "addons are taxed",
            input: .init(
                linePrices: [89900], shippingPrices: [4999], addonPrices: [12900, 499], taxRateBasisPoints: 400),
            expected: .init(
                subTotal: 89900, shippingTotal: 4999, addonTotal: 13399, cartDiscount: 0, taxTotal: 4132,
                total: 112430)),
        TotalsCase(
            name: "percent code discounts merchandise and the tax base",
            input: .init(
                linePrices: [2200, 5400], shippingPrices: [599], promotions: [.percentOff(10)],
                taxRateBasisPoints: 725),
            // 10 % of 76.00 = 7.60; tax on 68.40 = 4.959 → 4.96
            expected: .init(
                subTotal: 7600, shippingTotal: 599, addonTotal: 0, cartDiscount: 760, taxTotal: 496, total: 7935)),
        TotalsCase(
            name: "free shipping discounts the whole shipping total",
            input: .init(linePrices: [2200], shippingPrices: [599, 4999], promotions: [.freeShipping]),
            expected: .init(
                subTotal: 2200, shippingTotal: 5598, addonTotal: 0, cartDiscount: 5598, taxTotal: 0, total: 2200)),
        TotalsCase(
            name: "amount code is capped at the subtotal",
            input: .init(linePrices: [1500], shippingPrices: [599], promotions: [.amountOff(2000)]),
            expected: .init(
                subTotal: 1500, shippingTotal: 599, addonTotal: 0, cartDiscount: 1500, taxTotal: 0, total: 599)),
        TotalsCase(
            name: "codes stack",
            input: .init(
                linePrices: [20000], shippingPrices: [1499],
                promotions: [.percentOff(10), .amountOff(2000), .freeShipping], taxRateBasisPoints: 650),
            // merchandise discount 20.00 + 20.00; tax on 160.00 at 6.5 % = 10.40
            expected: .init(
                subTotal: 20000, shippingTotal: 1499, addonTotal: 0, cartDiscount: 5499, taxTotal: 1040,
                total: 17040)),
    ]

    @Test(arguments: totalsCases)
    func totals(_ testCase: TotalsCase) {
        let totals = CartPricing.totals(testCase.input)
        #expect(totals == testCase.expected)
        #expect(
            totals.total == totals.subTotal + totals.shippingTotal + totals.taxTotal + totals.addonTotal
                - totals.cartDiscount)
    }

    @Test(arguments: [
        (amount: 0, basisPoints: 725, expected: 0),
        (amount: 10000, basisPoints: 725, expected: 725),
        (amount: 199, basisPoints: 725, expected: 14),  // 14.4275
        (amount: 200, basisPoints: 625, expected: 13),  // 12.5 rounds up
        (amount: 599, basisPoints: 1000, expected: 60),  // 59.9
        (amount: 7600, basisPoints: 1000, expected: 760),
    ])
    func roundsHalfUp(amount: Int, basisPoints: Int, expected: Int) {
        #expect(CartPricing.roundHalfUp(amount, basisPoints: basisPoints) == expected)
    }
}
