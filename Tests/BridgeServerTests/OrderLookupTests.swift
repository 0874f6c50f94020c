@testable import MedusaV1
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MedusaAPI
import Testing

@Suite struct OrderLookupTests {
    @Test(arguments: [
        (
            "/store/orders?email=ada%40example.com",
            "display_id must be a number conforming to the specified constraints"
        ),
        (
            "/store/orders?display_id=seven&email=ada%40example.com",
            "display_id must be a number conforming to the specified constraints"
        ),
        ("/store/orders?display_id=7", "email must be an email"),
        (
            "/store/orders",
            "display_id must be a number conforming to the specified constraints, email must be an email"
        ),
    ])
    func aMissingParameterIsInvalidDataNamingIt(_ uri: String, _ message: String) async throws {
        let storefront = FakeStorefront()
        let response = try await withStoreAPI(storefront: storefront) { client in try await client.send(.get, uri) }
        #expect(response.status == .badRequest)
        #expect(try response.json == ["type": "invalid_data", "message": .string(message)])
        #expect(storefront.calls.isEmpty)
    }

    @Test func noMatchIsAPlainTextNotFound() async throws {
        let response = try await withStoreAPI { client in
            try await client.send(.get, "/store/orders?display_id=7&email=\(FakeStorefront.unknownEmail)")
        }
        #expect(response.status == .notFound)
        #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
        #expect(response.text == "Not Found")
    }
}
