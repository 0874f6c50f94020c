@testable import MedusaV1
import BridgeServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct EdgeHeadersTests {
    @Test func aSaneClientRequestIDIsEchoed() async throws {
        let response = try await withStoreAPI { client in
            try await client.send(.get, "/store/carts/cart_1", headers: [.requestID: "edge-7f3a:42"])
        }
        #expect(response.headers[.requestID] == "edge-7f3a:42")
    }

    @Test(arguments: [String(repeating: "a", count: 129), "two words", "tab\there", "é"])
    func anUnsafeRequestIDIsReplaced(_ sent: String) async throws {
        let response = try await withStoreAPI { client in
            try await client.send(.get, "/store/carts/cart_1", headers: [.requestID: sent])
        }
        let id = try #require(response.headers[.requestID])
        #expect(id != sent)
        #expect(id.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/) != nil)
    }

    @Test func errorsAndUnknownRoutesGetAnIDToo() async throws {
        let responses = try await withStoreAPI(storefront: FakeStorefront(failing: .notFound("gone"))) { client in
            [try await client.send(.get, "/store/carts/cart_1"), try await client.send(.get, "/nowhere")]
        }
        #expect(responses.map(\.status) == [.notFound, .notFound])
        #expect(responses.allSatisfy { $0.headers[.requestID] != nil })
    }

    @Test func storeResponsesCarrySecurityHeadersAndNoStore() async throws {
        let responses = try await withStoreAPI(storefront: FakeStorefront(failing: .invalidData("bad"))) { client in
            [
                try await client.send(.get, "/store/carts/cart_1"),
                try await client.send(.options, "/store/carts", headers: [
                    .origin: "http://localhost:8000", .accessControlRequestMethod: "POST",
                ]),
            ]
        }
        for response in responses {
            #expect(response.headers[.init("X-Content-Type-Options")!] == "nosniff")
            #expect(response.headers[.init("Referrer-Policy")!] == "no-referrer")
            #expect(response.headers[.init("X-Frame-Options")!] == "DENY")
            #expect(response.headers[.contentSecurityPolicy] == "default-src 'none'; frame-ancestors 'none'")
            #expect(response.headers[.cacheControl] == "no-store")
        }
    }

    @Test func healthIsNotMarkedNoStoreButIsHardened() async throws {
        let response = try await withStoreAPI { client in try await client.send(.get, "/health") }
        #expect(response.headers[.cacheControl] == nil)
        #expect(response.headers[.init("X-Frame-Options")!] == "DENY")
    }

    @Test func browsersMayReadTheRequestID() async throws {
        let response = try await withStoreAPI { client in
            try await client.send(.get, "/store/carts/cart_1", headers: [.origin: "http://localhost:8000"])
        }
        #expect(response.headers[.accessControlExposeHeaders]?.contains("X-Request-Id") == true)
        #expect(response.headers[.accessControlAllowCredentials] == "true")
    }
}

extension HTTPField.Name {
    static let requestID = Self("X-Request-Id")!
}
