import Foundation
import MedusaAPI
import Testing

@Suite("Cart responses")
struct CartEncodingTests {
    let cartExchange = Exchange(method: "GET", path: "/store/carts/\(Fixtures.cartID)", route: "/store/carts/{id}")

    @Test func cartCarriesDiscriminatorRelationsAndTotals() throws {
        let cart = try #require(try Wire.encode(StoreCartsRes(cart: Fixtures.cart), for: cartExchange)["cart"])

        #expect(cart["object"] == "cart")
        #expect(cart["type"] == "default")
        #expect(cart["region_id"] == .string(Fixtures.regionID))
        #expect(cart["region"]?["currency_code"] == "usd")
        #expect(cart["items"]?.arrayValue?.count == 2)
        #expect(cart["items"]?[0]?["variant"]?["product"]?["handle"] == "trail-runner")
        #expect(cart["items"]?[1]?["tax_lines"]?[0]?["rate"] == 8.25)
        #expect(cart["shipping_methods"]?[0]?["shipping_option"]?["id"] == "so_standard")
        #expect(cart["discounts"]?[0]?["rule"]?["type"] == "percentage")
        #expect(cart["gift_cards"] == [])
        #expect(cart["billing_address_id"] == "addr_billing")
        #expect(cart["shipping_address"]?["address_1"] == "1 Infinite Loop")
        #expect(cart["context"]?["ip"] == "::1")
        #expect(isMedusaTimestamp(cart["created_at"]))
        #expect(cart["created_at"] == "2024-05-01T10:20:30.123Z")
        #expect(cart["updated_at"] == "2024-05-01T10:21:39.007Z")
    }

    @Test func totalsFollowMedusaArithmetic() throws {
        let cart = try #require(try Wire.encode(StoreCartsRes(cart: Fixtures.cart), for: cartExchange)["cart"])
        let total = try #require(cart["total"]?.integerValue)
        let parts = ["subtotal", "shipping_total", "tax_total", "discount_total", "gift_card_total"]
            .map { cart[$0]?.integerValue ?? -1 }

        // 12000 + 2 × 12500 = 37000; shipping 800; tax 8.25% of the discounted lines; 10% off.
        #expect(parts == [37_000, 800, 2_747, 3_700, 0])
        #expect(total == parts[0] + parts[1] + parts[2] - parts[3] - parts[4])
        #expect(cart["items"]?[1]?["total"] == .integer(25_000 - 2_500 + 1_856))
    }

    @Test func selectedPaymentSessionIsMirrored() throws {
        var cart = Fixtures.cart
        let json = try Wire.encode(StoreCartsRes(cart: cart), for: cartExchange)["cart"]
        #expect(json?["payment_session"]?["id"] == "ps_card")
        #expect(json?["payment_sessions"]?[0]?["is_selected"] == true)
        #expect(json?["payment_sessions"]?[1]?["is_selected"] == .null)

        cart.paymentSessions = cart.paymentSessions.map { session in
            var session = session
            session.isSelected = nil
            return session
        }
        #expect(cart.paymentSession == nil)
    }

    static let requiredNullableKeys = [
        "email", "billing_address_id", "shipping_address_id", "customer_id", "payment_session", "payment_id",
        "completed_at", "payment_authorized_at", "idempotency_key", "deleted_at", "metadata",
    ]

    @Test(arguments: requiredNullableKeys)
    func newCartSendsNullForRequiredKey(_ key: String) throws {
        let exchange = Exchange(method: "POST", path: "/store/carts", route: "/store/carts")
        let cart = try #require(try Wire.encode(StoreCartsRes(cart: Fixtures.emptyCart), for: exchange)["cart"])
        #expect(cart.hasKey(key))
        #expect(cart[key] == .null)
    }

    @Test func relationIDsFollowTheirRelations() {
        var cart = Fixtures.cart
        cart.shippingAddress = nil
        cart.region = Region(id: "reg_eu", name: "Europe", currencyCode: "eur", createdAt: Fixtures.createdAt)
        #expect(cart.shippingAddressID == nil)
        #expect(cart.regionID == "reg_eu")
    }

    @Test func paymentSessionsRouteSendsTheCartTwice() throws {
        let exchange = Exchange(
            method: "POST", path: "/store/carts/\(Fixtures.cartID)/payment-sessions",
            route: "/store/carts/{id}/payment-sessions")
        let json = try Wire.encode(StoreCartPaymentSessionsRes(cart: Fixtures.cart), for: exchange)
        #expect(json["cart"] != nil)
        #expect(json["data"] == json["cart"])
    }

    @Test func cartRoundTrips() throws {
        let data = try MedusaJSON.encode(StoreCartsRes(cart: Fixtures.cart))
        #expect(try MedusaJSON.decode(StoreCartsRes.self, from: data).cart == Fixtures.cart)
    }

    @Test func decodingRejectsAMissingRequiredNullableKey() throws {
        var json = try #require(try JSONDecoder().decode(JSONValue.self, from: MedusaJSON.encode(Fixtures.emptyCart)).objectValue)
        json["payment_session"] = nil
        let data = try JSONEncoder().encode(json)
        #expect(throws: DecodingError.self) { try MedusaJSON.decode(Cart.self, from: data) }
    }
}
