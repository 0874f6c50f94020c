@testable import MedusaV1
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MedusaAPI
import Testing

@Suite struct CORSTests {
    static let storeCORS = "http://localhost:8000, https://shop.example.com"

    private func preflight(from origin: String, storeCORS: String = storeCORS) async throws -> TestResponse {
        try await withStoreAPI(storeCORS: storeCORS) { client in
            try await client.send(
                .options, "/store/carts/cart_1/complete",
                headers: [
                    .origin: origin, .accessControlRequestMethod: "POST",
                    .accessControlRequestHeaders: "content-type,idempotency-key,x-publishable-api-key",
                ])
        }
    }

    @Test func aPreflightFromAnAllowedOriginIsAnswered() async throws {
        let response = try await preflight(from: "https://shop.example.com")
        #expect(response.status == .noContent)
        #expect(response.headers[.accessControlAllowOrigin] == "https://shop.example.com")
        #expect(response.headers[.accessControlAllowCredentials] == "true")
        #expect(response.headers[.accessControlAllowMethods] == "GET,HEAD,PUT,PATCH,POST,DELETE")
        #expect(response.headers[.accessControlAllowHeaders] == "content-type,idempotency-key,x-publishable-api-key")
        #expect(response.headers[.vary] == "Origin")
    }

    @Test func aPreflightFromAnotherOriginGetsNoPermission() async throws {
        let response = try await preflight(from: "https://evil.example.net")
        #expect(response.status == .noContent)
        #expect(response.headers[.accessControlAllowOrigin] == nil)
        #expect(response.headers[.accessControlAllowMethods] == nil)
    }

    @Test func aStarAllowsAnyOriginByEchoingIt() async throws {
        let response = try await preflight(from: "https://anywhere.example.org", storeCORS: "*")
        #expect(response.headers[.accessControlAllowOrigin] == "https://anywhere.example.org")
    }

    @Test func responsesToAnAllowedOriginCarryCORSHeaders() async throws {
        let response = try await withStoreAPI(storeCORS: Self.storeCORS) { client in
            try await client.send(.get, "/store/carts/cart_1", headers: [.origin: "http://localhost:8000"])
        }
        #expect(response.status == .ok)
        #expect(response.headers[.accessControlAllowOrigin] == "http://localhost:8000")
        #expect(response.headers[.accessControlAllowCredentials] == "true")
        #expect(response.headers[.accessControlExposeHeaders] == "Idempotency-Key, X-Request-Id")
        #expect(response.headers[values: .vary].contains("Origin"))
    }

    @Test func errorResponsesCarryThemToo() async throws {
        let response = try await withStoreAPI(storefront: FakeStorefront(failing: .notFound("gone"))) { client in
            try await client.send(.get, "/store/carts/cart_1", headers: [.origin: "http://localhost:8000"])
        }
        #expect(response.status == .notFound)
        #expect(response.headers[.accessControlAllowOrigin] == "http://localhost:8000")
    }

    @Test func anotherOriginGetsNoCORSHeaders() async throws {
        let response = try await withStoreAPI(storeCORS: Self.storeCORS) { client in
            try await client.send(.get, "/store/carts/cart_1", headers: [.origin: "https://evil.example.net"])
        }
        #expect(response.status == .ok)
        #expect(response.headers[.accessControlAllowOrigin] == nil)
        #expect(response.headers[.accessControlAllowCredentials] == nil)
    }

    @Test func theNullOriginIsNeverAllowed() async throws {
        let response = try await preflight(from: "null", storeCORS: "*")
        #expect(response.headers[.accessControlAllowOrigin] == nil)
    }
}
