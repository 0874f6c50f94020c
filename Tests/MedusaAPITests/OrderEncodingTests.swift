import Foundation
import MedusaAPI
import Testing

@Suite("Order responses")
struct OrderEncodingTests {
    static let routes = [
        Exchange(path: "/store/orders/order_01HXA0M4W3J6Q8V2T5B7N9C1D8", route: "/store/orders/{id}"),
        Exchange(path: "/store/orders/cart/\(Fixtures.cartID)", route: "/store/orders/cart/{cart_id}"),
        Exchange(path: "/store/orders?display_id=1001&email=ada%40example.com", route: "/store/orders"),
    ]

    @Test(arguments: routes)
    func orderCarriesDiscriminatorStatusesAndTotals(_ exchange: Exchange) throws {
        let order = try #require(try Wire.encode(StoreOrdersRes(order: Fixtures.order), for: exchange)["order"])

        #expect(order["object"] == "order")
        #expect(order["display_id"] == 1001)
        #expect(order["status"] == "pending")
        #expect(order["fulfillment_status"] == "not_fulfilled")
        #expect(order["payment_status"] == "awaiting")
        #expect(order["cart_id"] == .string(Fixtures.cartID))
        #expect(order["external_id"] == "TG-100234")
        #expect(order["currency_code"] == "usd")
        #expect(order["payments"]?[0]?["amount"] == order["total"])
        #expect(order["paid_total"] == order["total"])
        #expect(order["items"]?.arrayValue?.count == 2)
        #expect(order["gift_cards"] == [])
        #expect(order["billing_address"] == .null)
        #expect(order["billing_address_id"] == .null)
        #expect(order.hasKey("canceled_at") && order["canceled_at"] == .null)
        #expect(order.hasKey("draft_order_id") && order["draft_order_id"] == .null)
        #expect(isMedusaTimestamp(order["created_at"]))
    }

    @Test func orderRoundTrips() throws {
        let data = try MedusaJSON.encode(StoreOrdersRes(order: Fixtures.order))
        #expect(try MedusaJSON.decode(StoreOrdersRes.self, from: data).order == Fixtures.order)
    }
}

extension Exchange: CustomTestStringConvertible {
    var testDescription: String { "\(method) \(route)" }
}
