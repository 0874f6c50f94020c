import Foundation
import MedusaAPI
import Testing

@Suite("Cart completion responses")
struct CompletionEncodingTests {
    let exchange = Exchange(
        method: "POST", path: "/store/carts/\(Fixtures.cartID)/complete", route: "/store/carts/{id}/complete")

    @Test func completedCartAnswersWithTheOrder() throws {
        let json = try Wire.encode(StoreCompleteCartRes.order(Fixtures.order), for: exchange)
        #expect(json["type"] == "order")
        #expect(json["data"]?["object"] == "order")
        #expect(json["data"]?["cart_id"] == .string(Fixtures.cartID))
        #expect(!json.hasKey("payment_status"))
    }

    @Test(arguments: [PaymentSession.Status.pending, .requiresMore])
    func paymentNeedingMoreAnswersWithTheCart(_ status: PaymentSession.Status) throws {
        let json = try Wire.encode(StoreCompleteCartRes.cart(Fixtures.cart, paymentStatus: status), for: exchange)
        #expect(json["type"] == "cart")
        #expect(json["data"]?["object"] == "cart")
        #expect(json["payment_status"] == .string(status.rawValue))
    }

    @Test(arguments: [
        StoreCompleteCartRes.order(Fixtures.order), .cart(Fixtures.cart, paymentStatus: .requiresMore),
    ])
    func completionRoundTrips(_ response: StoreCompleteCartRes) throws {
        let data = try MedusaJSON.encode(response)
        #expect(try MedusaJSON.decode(StoreCompleteCartRes.self, from: data) == response)
    }
}
