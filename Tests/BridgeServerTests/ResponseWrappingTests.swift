@testable import MedusaV1
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MedusaAPI
import Testing

/// The exact bodies: the storefront's answer, wrapped as Medusa wraps it and encoded with `MedusaJSON`.
@Suite struct ResponseWrappingTests {
    private func expectedJSON(_ value: some Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: MedusaJSON.encode(value))
    }

    @Test func cartRoutesAnswerTheCartUnderCart() async throws {
        let response = try await withStoreAPI { client in try await client.send(.get, "/store/carts/cart_1") }
        #expect(try response.json == expectedJSON(StoreCartsRes(cart: StoreFixtures.cart(id: "cart_1"))))
    }

    @Test func timestampsAreISO8601WithMilliseconds() async throws {
        let response = try await withStoreAPI { client in try await client.send(.get, "/store/carts/cart_1") }
        #expect(try response.json["cart"]?["created_at"] == "2024-05-01T10:20:30.123Z")
    }

    @Test func paymentSessionsAnswerTheCartTwice() async throws {
        let response = try await withStoreAPI { client in
            try await client.send(.post, "/store/carts/cart_1/payment-sessions")
        }
        let json = try response.json
        #expect(json["cart"] == json["data"])
        #expect(try json == expectedJSON(StoreCartPaymentSessionsRes(cart: StoreFixtures.cart(id: "cart_1"))))
    }

    @Test func completionAnswersTheCompleteCartEnvelope() async throws {
        let response = try await withStoreAPI { client in
            try await client.send(.post, "/store/carts/cart_1/complete")
        }
        #expect(try response.json == expectedJSON(StoreCompleteCartRes.order(StoreFixtures.order(cartID: "cart_1"))))
    }

    @Test func productListsCarryTheStorefrontCountAndTheRequestedPage() async throws {
        let response = try await withStoreAPI { client in
            try await client.send(.get, "/store/products?limit=10&offset=5")
        }
        let json = try response.json
        #expect(json["count"] == 42)
        #expect(json["limit"] == 10)
        #expect(json["offset"] == 5)
        #expect(json["products"]?[0]?["id"] == "prod_1")
    }

    @Test func regionListsArePagedWithTheTotalCount() async throws {
        let response = try await withStoreAPI { client in
            try await client.send(.get, "/store/regions?limit=1&offset=1")
        }
        let json = try response.json
        #expect(json["regions"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["reg_b"])
        #expect(json["count"] == 3)
        #expect(json["limit"] == 1)
        #expect(json["offset"] == 1)
    }

    @Test func shippingOptionsAnswerUnderShippingOptions() async throws {
        let response = try await withStoreAPI { client in try await client.send(.get, "/store/shipping-options/cart_1")
        }
        #expect(
            try response.json
                == expectedJSON(
                    StoreCartShippingOptionsListRes(shippingOptions: [
                        StoreFixtures.shippingOption(id: "so_1"), StoreFixtures.shippingOption(id: "so_2"),
                    ])))
    }

    @Test func aBadPageParameterIsInvalidData() async throws {
        let storefront = FakeStorefront()
        let response = try await withStoreAPI(storefront: storefront) { client in
            try await client.send(.get, "/store/products?limit=ten")
        }
        #expect(response.status == .badRequest)
        #expect(try response.json["type"] == "invalid_data")
        #expect(try response.json["message"] == "limit must be a number conforming to the specified constraints")
        #expect(storefront.calls.isEmpty)
    }
}
