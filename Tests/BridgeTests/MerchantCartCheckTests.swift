@testable import MedusaV1
import Bridge
import FullCartAPI
import Testing

/// A merchant's cart is untrusted: every amount in the cart's currency and within bounds, every size bounded,
/// before CartBridge keeps or sums anything.
@Suite struct MerchantCartCheckTests {
    static let good = Fixture.merchantCart(
        id: "c1", name: "Shop",
        lines: [Fixture.line("l1", sku: "TEE", title: "Tee", unit: 2_500, quantity: 2)],
        shipments: [Fixture.shipment("s1", lines: ["l1"], options: [Fixture.method("ground", 500)], selected: "ground")],
        tax: 300)

    @Test func aRealisticCartPasses() throws {
        try MerchantCartCheck.check(Self.good, currency: "usd")
    }

    static let broken: [(String, @Sendable (inout FullCartCart) -> Void, String)] = [
        ("negative unit price", { $0.lineItems[0].price = Fixture.usd(-1) }, "line_items[0].price"),
        ("absurd line price", { $0.lineItems[0].linePrice = Fixture.usd(Int.max) }, "line_items[0].line_price"),
        ("zero quantity", { $0.lineItems[0].quantity = 0 }, "line_items[0].quantity"),
        ("huge quantity", { $0.lineItems[0].quantity = 10_000_000 }, "line_items[0].quantity"),
        (
            "unit price times quantity overflows",
            {
                $0.lineItems[0].price = Fixture.usd(MerchantCartCheck.maxAmount)
                $0.lineItems[0].quantity = 50_000
            }, "line_items[0].price"
        ),
        ("total in euros", { $0.total = FullCartMoney(currency: "EUR", minorUnits: 100) }, "total"),
        ("negative total", { $0.total = Fixture.usd(-5) }, "total"),
        ("negative tax", { $0.taxTotal = Fixture.usd(-5) }, "tax"),
        (
            "shipping method in pounds",
            { $0.shipments[0].shippingMethodOptions[0].price = FullCartMoney(currency: "GBP", minorUnits: 500) },
            "shipments[0].shipping_method_options[0].price"
        ),
        ("absurd discount", { $0.cartDiscount = Fixture.usd(Int.min) }, "cart_discount"),
        (
            "too many lines",
            { cart in cart.lineItems = Array(repeating: cart.lineItems[0], count: MerchantCartCheck.maxLines + 1) },
            "line_items"
        ),
    ]

    @Test(arguments: broken)
    func anUntrustworthyCartIsRefusedNamingTheField(
        _ name: String, _ breakIt: @Sendable (inout FullCartCart) -> Void, field: String
    ) {
        var cart = Self.good
        breakIt(&cart)
        let problem = #expect(throws: MerchantCartCheck.Problem.self) { try MerchantCartCheck.check(cart, currency: "usd") }
        #expect(problem?.field == field, "\(name)")
    }

    @Test func discountsAndAddonsMayBeNegative() throws {
        var cart = Self.good
        cart.cartDiscount = Fixture.usd(-300)
        cart.addons.selections = [FullCartAddonSelection(addonID: "promo", price: Fixture.usd(-1_300))]
        try MerchantCartCheck.check(cart, currency: "USD")
    }

    @Test func moneyArithmeticSaturatesInsteadOfTrapping() {
        #expect((Fixture.usd(.max) + Fixture.usd(1)).minorUnits == .max)
        #expect((Fixture.usd(.min) - Fixture.usd(1)).minorUnits == .min)
        #expect((Fixture.usd(.min) + Fixture.usd(-1)).minorUnits == .min)
        #expect((Fixture.usd(5) - Fixture.usd(7)).minorUnits == -2)
    }
}
