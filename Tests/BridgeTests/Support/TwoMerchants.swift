@testable import MedusaV1
import FullCartAPI

/// Two merchants as a shopper would meet them. Hand-checked figures:
///
/// | merchant | sub_total | addons | shipping (auto) | tax | discount | total |
/// |---|---|---|---|---|---|---|
/// | Luma | 13 700 | 1 599 | 499 | 1 114 | 1 370 (SAVE10) | 15 542 |
/// | Garden | 5 550 | 0 | 2 800 (two shipments) | 303 | 500 (GARDEN5) | 8 153 |
enum TwoMerchants {
    static let lumaDomain = "luma.example"
    static let gardenDomain = "garden.example"

    static let luma = Fixture.merchantCart(
        id: "cart-luma-1", name: "Luma Store",
        lines: [
            Fixture.line(
                "item-hoodie", sku: "MH07-XS-Gray", title: "Hero Hoodie", variant: "Gray / XS", unit: 5400,
                quantity: 2),
            Fixture.line("item-tee", sku: "MS10-M-Blue", title: "Logo Tee", variant: "Blue / M", unit: 2900),
        ],
        shipments: [
            Fixture.shipment(
                "ship-luma", lines: ["item-hoodie", "item-tee"],
                options: [Fixture.method("STANDARD", 499), Fixture.method("EXPRESS", 1599, eta: "1-2 business days")],
                selected: "STANDARD")
        ],
        offers: [
            FullCartAddonOffer(
                addonID: "shipping_protection", display: FullCartAddonDisplay(name: "Shipping Protection"),
                scope: "CART", eligibleLineItemIDs: ["item-hoodie", "item-tee"], price: Fixture.usd(299)),
            FullCartAddonOffer(
                addonID: "extended_warranty",
                display: FullCartAddonDisplay(name: "Extended Warranty", description: "3 years"), scope: "ITEM",
                coverageMode: "PER_ITEM", eligibleLineItemIDs: ["item-hoodie", "item-tee"], price: Fixture.usd(1300),
                lineItemPricing: ["item-hoodie": Fixture.usd(1000), "item-tee": Fixture.usd(300)]),
            FullCartAddonOffer(
                addonID: "gift_wrap", display: FullCartAddonDisplay(name: "Gift Wrap"), scope: "CART",
                price: Fixture.usd(500), required: false,
                childOffers: [
                    FullCartAddonOffer(
                        addonID: "wrap_paper", display: FullCartAddonDisplay(name: "Paper"), scope: "CART",
                        price: Fixture.usd(500)),
                    FullCartAddonOffer(
                        addonID: "wrap_box", display: FullCartAddonDisplay(name: "Box"), scope: "CART",
                        price: Fixture.usd(900)),
                ]),
        ],
        selections: [
            FullCartAddonSelection(addonID: "shipping_protection", price: Fixture.usd(299)),
            FullCartAddonSelection(
                addonID: "extended_warranty", selectedLineItemIDs: ["item-hoodie", "item-tee"], price: Fixture.usd(1300)
            ),
        ],
        coupons: ["SAVE10"], discount: 1370, tax: 1114,
        notices: [FullCartNotice(code: "PRICE_INCREASED", message: "Logo Tee now costs $29.00", lineItemID: "item-tee")]
    )

    static let garden = Fixture.merchantCart(
        id: "cart-garden-1", name: "Garden Co",
        lines: [
            Fixture.line("g-1", sku: "PLANTER-L", title: "Large Planter", unit: 4500),
            Fixture.line("g-2", sku: "SEEDS-BASIL", title: "Basil Seeds", unit: 350, quantity: 3),
        ],
        shipments: [
            Fixture.shipment(
                "ship-planter", lines: ["g-1"], options: [Fixture.method("FREIGHT", 2500, eta: nil)],
                selected: "FREIGHT"),
            Fixture.shipment(
                "ship-seeds", lines: ["g-2"],
                options: [Fixture.method("MAIL", 300), Fixture.method("PRIORITY", 900)], selected: "MAIL"),
        ],
        coupons: ["GARDEN5"], discount: 500, tax: 303)
}
