@testable import MedusaV1
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MedusaAPI
import Testing

@Suite struct IdempotencyKeyTests {
    /// Medusa's idempotent routes, with a valid body where one is needed.
    static let idempotentRoutes: [(path: String, body: String?)] = [
        ("/store/carts/cart_1/complete", nil),
        ("/store/carts/cart_1/complete-cart", nil),
        ("/store/carts/cart_1/line-items", #"{"variant_id":"variant_1","quantity":1}"#),
        ("/store/carts/cart_1/payment-sessions", nil),
        ("/store/carts/cart_1/taxes", nil),
    ]

    @Test(arguments: idempotentRoutes)
    func theClientsKeyIsAdoptedAndExposed(_ route: (path: String, body: String?)) async throws {
        let response = try await withStoreAPI { client in
            // Any spelling of the header name: Express reads it case-insensitively.
            try await client.send(
                .post, route.path, body: route.body, headers: [HTTPField.Name("idempotency-KEY")!: "client-key-1"])
        }
        #expect(response.status == .ok)
        #expect(response.headers[.idempotencyKey] == "client-key-1")
        #expect(response.headers[.accessControlExposeHeaders] == "Idempotency-Key")
    }

    @Test(arguments: [String(repeating: "k", count: 256), "kéy", "key-🛒"])
    func anUnusableKeyIs400AndNotEchoed(key: String) async throws {
        let storefront = FakeStorefront()
        let response = try await withStoreAPI(storefront: storefront) { client in
            try await client.send(.post, "/store/carts/cart_1/complete", headers: [.idempotencyKey: key])
        }
        #expect(response.status == .badRequest)
        #expect(try response.json["type"] == "invalid_data")
        #expect(response.headers[.idempotencyKey] == nil)
        #expect(storefront.calls.isEmpty)
    }

    @Test(arguments: idempotentRoutes)
    func aKeyIsGeneratedWhenTheClientSendsNone(_ route: (path: String, body: String?)) async throws {
        let response = try await withStoreAPI { client in try await client.send(.post, route.path, body: route.body) }
        let key = try #require(response.headers[.idempotencyKey])
        // An id of our own: 80 fresh random bits after the time prefix.
        #expect(key.wholeMatch(of: /ikey_[0-7][0-9A-HJKMNP-TV-Z]{25}/) != nil)
    }

    @Test(arguments: idempotentRoutes)
    func failuresCarryTheKeyToo(_ route: (path: String, body: String?)) async throws {
        let storefront = FakeStorefront(failing: .notFound("Cart with cart_1 was not found"))
        let response = try await withStoreAPI(storefront: storefront) { client in
            try await client.send(.post, route.path, body: route.body, headers: [.idempotencyKey: "client-key-2"])
        }
        #expect(response.status == .notFound)
        #expect(response.headers[.idempotencyKey] == "client-key-2")
        #expect(response.headers[.accessControlExposeHeaders] == "Idempotency-Key")
    }

    @Test func theKeyReachesCompletion() async throws {
        let storefront = FakeStorefront()
        let response = try await withStoreAPI(storefront: storefront) { client in
            try await client.send(.post, "/store/carts/cart_1/complete")
        }
        let key = try #require(response.headers[.idempotencyKey])
        #expect(storefront.calls == [.complete(cartID: "cart_1")])
    }

    /// Medusa validates the line-item body before it initialises the key.
    @Test func aLineItemBodyErrorHasNoKey() async throws {
        let response = try await withStoreAPI { client in
            try await client.send(
                .post, "/store/carts/cart_1/line-items", body: #"{"quantity":1}"#,
                headers: [.idempotencyKey: "client-key-3"])
        }
        #expect(response.status == .badRequest)
        #expect(response.headers[.idempotencyKey] == nil)
    }

    @Test func otherRoutesSendNoKey() async throws {
        let response = try await withStoreAPI { client in
            try await client.send(.post, "/store/carts/cart_1", body: "{}", headers: [.idempotencyKey: "client-key-4"])
        }
        #expect(response.status == .ok)
        #expect(response.headers[.idempotencyKey] == nil)
    }
}
