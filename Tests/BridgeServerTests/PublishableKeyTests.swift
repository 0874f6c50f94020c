@testable import MedusaV1
import BridgeServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct PublishableKeyTests {
    private func send(key: String?, keys: Set<String> = ["pk_live_1", "pk_live_2"], path: String = "/store/regions")
        async throws -> TestResponse
    {
        try await withStoreAPI(adjust: { $0.publishableKeys = keys }) { client in
            try await client.send(.get, path, headers: key.map { [.publishableAPIKey: $0] } ?? [:])
        }
    }

    @Test func aListedKeyPasses() async throws {
        #expect(try await send(key: "pk_live_2").status == .ok)
    }

    @Test func aMissingKeyIsRefusedAsMedusaV2Does() async throws {
        let response = try await send(key: nil)
        #expect(response.status == .badRequest)
        #expect(try response.json["type"] == "not_allowed")
        #expect(try response.json["message"]?.stringValue?.hasPrefix(
            "Publishable API key required in the request header: x-publishable-api-key.") == true)
    }

    @Test func anUnknownKeyIsRefused() async throws {
        let response = try await send(key: "pk_guess")
        #expect(response.status == .badRequest)
        let message = "A valid publishable key is required to proceed with the request"
        #expect(try response.json == ["type": "not_allowed", "message": .string(message)])
    }

    @Test func noKeysConfiguredMeansNoneRequired() async throws {
        #expect(try await send(key: nil, keys: []).status == .ok)
    }

    @Test func healthNeedsNoKey() async throws {
        #expect(try await send(key: nil, path: "/health").status == .ok)
    }

    @Test func aPreflightNeedsNoKey() async throws {
        let response = try await withStoreAPI(adjust: { $0.publishableKeys = ["pk_live_1"] }) { client in
            try await client.send(
                .options, "/store/carts",
                headers: [.origin: "http://localhost:8000", .accessControlRequestMethod: "POST"])
        }
        #expect(response.status == .noContent)
    }
}

extension HTTPField.Name {
    static let publishableAPIKey = Self("x-publishable-api-key")!
}
