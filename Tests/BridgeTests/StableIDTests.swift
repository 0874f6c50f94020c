@testable import MedusaV1
import Bridge
import Testing

@Suite("Stable ids")
struct StableIDTests {
    static let odd = "a/b c/ünï©ødé 🚀"

    static let cases: [(StableID, String)] = [
        (.product(domain: "luma.example", handle: odd), "prod_"),
        (.variant(domain: "luma.example", sku: "MH07 XS/Gray"), "variant_"),
        (.lineItem(domain: "shop.example", lineItemID: odd), "item_"),
        (.addonLine(domain: "shop.example", addonID: "gift wrap/paper", lineItemID: nil), "item_"),
        (.addonLine(domain: "shop.example", addonID: "warranty", lineItemID: odd), "item_"),
        (.shippingProfile(domain: "shop.example", shipmentID: "ship 1/α"), "sp_"),
        (.shippingOption(domain: "shop.example", shipmentID: "ship 1", methodID: odd), "so_"),
        (.shippingMethod(domain: "shop.example", shipmentID: "ship/1", methodID: "STANDARD GROUND"), "sm_"),
        (.merchantProfile(domain: "shop.example"), "sp_"),
        (.productOption(domain: "shop.example", handle: odd, option: "option1"), "opt_"),
        (.optionValue(domain: "shop.example", sku: odd, option: "Größe"), "optval_"),
        (.price(domain: "shop.example", sku: odd, currency: "usd"), "ma_"),
        (.productImage(domain: "shop.example", handle: "hoodie", url: "https://img.example/a b/ü.jpg?x=1"), "img_"),
        (.discount(code: "SAVE 10/ÉTÉ"), "disc_"),
        (.discountRule(code: "SAVE 10/ÉTÉ"), "dru_"),
        (.guestCustomer(email: "ada+shop@example.com"), "cus_"),
    ]

    @Test(arguments: cases)
    func roundTrips(_ stable: StableID, _ prefix: String) throws {
        let id = stable.id
        #expect(id.hasPrefix(prefix))
        // Safe in a URL path segment and in Medusa's `<prefix>_<text>` shape.
        #expect(id.dropFirst(prefix.count).allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) })
        #expect(StableID(id) == stable)
    }

    @Test func differentKeysGiveDifferentIDs() {
        let ids = Self.cases.map(\.0.id)
        #expect(Set(ids).count == ids.count)
    }

    @Test(arguments: [
        "cart_01HF8Y2V6J3T8W0Q9K2N4M5P6R", "prod_", "variant_not-base32!", "test-cart", "so_0", "",
        "disc_" + String(StableID.product(domain: "a", handle: "b").id.dropFirst("prod_".count)),
    ])
    func idsWeDidNotMakeDoNotDecode(_ id: String) {
        #expect(StableID(id) == nil)
    }
}
