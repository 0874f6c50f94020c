@testable import MedusaV1
import Bridge
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MedusaAPI
import Testing

@testable import BridgeServer

@Suite struct RequestBodyTests {
    @Test func anUnknownPropertyIsRejectedAsMedusaDoes() async throws {
        let storefront = FakeStorefront()
        let response = try await withStoreAPI(storefront: storefront) { client in
            try await client.send(.post, "/store/carts/cart_1", body: #"{"email":"ada@example.com","foo":1}"#)
        }
        #expect(response.status == .badRequest)
        #expect(try response.json == ["type": "invalid_data", "message": "property foo should not exist"])
        #expect(storefront.calls.isEmpty)
    }

    /// A page on another site can post `text/plain` without a CORS preflight; like Express's json(), only JSON
    /// media types are parsed, so such a body reads as `{}`.
    @Test(arguments: ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])
    func aBodyThatIsNotJSONReadsAsEmpty(contentType: String) async throws {
        let storefront = FakeStorefront()
        let response = try await withStoreAPI(storefront: storefront) { client in
            try await client.execute(
                uri: "/store/carts/cart_1/shipping-methods", method: .post,
                headers: [.contentType: contentType], body: ByteBuffer(string: #"{"option_id":"so_1"}"#))
        }
        #expect(response.status == .badRequest)
        #expect(try response.json == ["type": "invalid_data", "message": "option_id must be a string"])
        #expect(storefront.calls.isEmpty)
    }

    @Test(arguments: ["application/json", "application/json; charset=utf-8", "Application/JSON", "application/merge-patch+json"])
    func jsonMediaTypesAreParsed(contentType: String) {
        #expect(RequestBodyReader.isJSON(contentType))
    }

    @Test func malformedJSONIsInvalidDataAndNeverEchoed() async throws {
        let card = #"{"data":{"number":"4242424242424242","cvc":"123""#
        let response = try await withStoreAPI { client in
            try await client.send(.post, "/store/carts/cart_1/payment-sessions/cartbridge", body: card)
        }
        #expect(response.status == .badRequest)
        #expect(try response.json["type"] == "invalid_data")
        #expect(!response.text.contains("4242"))
        #expect(!response.text.contains("cvc"))
    }

    @Test func aBodyOverTheLimitIs413InMedusasEnvelope() async throws {
        let storefront = FakeStorefront()
        let padding = String(repeating: "x", count: testBodyLimit)
        let response = try await withStoreAPI(storefront: storefront) { client in
            try await client.send(.post, "/store/carts", body: #"{"context":{"pad":"\#(padding)"}}"#)
        }
        #expect(response.status == .contentTooLarge)
        #expect(
            try response.json
                == ["type": "invalid_data", "message": .string("Request body is larger than \(testBodyLimit) bytes")])
        #expect(storefront.calls.isEmpty)
    }

    /// A body streamed without `Content-Length` is cut off at the limit too.
    @Test func aStreamedBodyOverTheLimitIsRefused() async throws {
        let reader = RequestBodyReader(maxBytes: 8)
        let request = Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/store/carts"),
            body: RequestBody(buffer: ByteBuffer(string: #"{"region_id":"reg_1"}"#)))
        let error = await #expect(throws: HTTPError.self) {
            try await reader.decode(StorePostCartReq.self, from: request)
        }
        #expect(error?.status == .contentTooLarge)
    }

    @Test(arguments: ["", "{}", "  \n"])
    func bodylessRoutesAcceptAnEmptyBody(_ body: String) async throws {
        let storefront = FakeStorefront()
        let statuses = try await withStoreAPI(storefront: storefront) { client in
            var statuses: [HTTPResponse.Status] = []
            for path in ["payment-sessions", "taxes", "complete", "payment-sessions/cartbridge/refresh"] {
                statuses.append(try await client.send(.post, "/store/carts/cart_1/\(path)", body: body).status)
            }
            return statuses
        }
        #expect(statuses == [.ok, .ok, .ok, .ok])
        #expect(storefront.calls.count == 4)
    }

    @Test(arguments: ["", "{}"])
    func createCartAcceptsAnEmptyBody(_ body: String) async throws {
        let storefront = FakeStorefront()
        let response = try await withStoreAPI(storefront: storefront) { client in
            try await client.send(.post, "/store/carts", body: body)
        }
        #expect(response.status == .ok)
        #expect(storefront.calls == [.createCart(StorePostCartReq(), ClientInfo(ip: nil, userAgent: nil))])
    }
}
