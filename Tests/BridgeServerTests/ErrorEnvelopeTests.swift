@testable import MedusaV1
import Foundation
import HTTPTypes
import Logging
import Hummingbird
import HummingbirdTesting
import MedusaAPI
import Testing

@testable import BridgeServer

@Suite struct ErrorEnvelopeTests {
    struct ThrownCase: Sendable, CustomTestStringConvertible {
        var error: MedusaError
        var status: HTTPResponse.Status
        var body: JSONValue
        var testDescription: String { error.description }
    }

    static let thrown: [ThrownCase] = [
        ThrownCase(
            error: .notFound("Cart with cart_1 was not found"), status: .notFound,
            body: ["type": "not_found", "message": "Cart with cart_1 was not found"]),
        ThrownCase(
            error: .notAllowed("Variant with id: v does not have the required inventory", code: .insufficientInventory),
            status: .badRequest,
            body: [
                "code": "insufficient_inventory", "type": "not_allowed",
                "message": "Variant with id: v does not have the required inventory",
            ]),
        ThrownCase(
            error: .conflict(), status: .conflict,
            body: ["code": "invalid_state_error", "type": "conflict", "message": .string(MedusaError.conflictMessage)]),
        ThrownCase(
            error: MedusaError(.unknownError, "merchant said something odd"), status: .internalServerError,
            body: ["code": "unknown_error", "type": "unknown_error", "message": "An unknown error occurred."]),
    ]

    @Test(arguments: thrown)
    func aThrownMedusaErrorRendersItsEnvelopeAndStatus(_ thrown: ThrownCase) async throws {
        let response = try await withStoreAPI(storefront: FakeStorefront(failing: thrown.error)) { client in
            try await client.send(.get, "/store/carts/cart_1")
        }
        #expect(response.status == thrown.status)
        #expect(response.headers[.contentType] == "application/json; charset=utf-8")
        #expect(try response.json == thrown.body)
    }

    @Test func envelopeKeysComeInMedusasOrder() async throws {
        let response = try await withStoreAPI(storefront: FakeStorefront(failing: .conflict())) { client in
            try await client.send(.get, "/store/carts/cart_1")
        }
        #expect(response.text.hasPrefix(#"{"code":"invalid_state_error","type":"conflict","message":"#))
    }

    @Test func extraHeadersSuchAsRetryAfterAreSent() async throws {
        let unavailable = MedusaError(.unexpectedState, "Merchant unavailable", headers: ["Retry-After": "5"])
        let response = try await withStoreAPI(storefront: FakeStorefront(failing: unavailable)) { client in
            try await client.send(.post, "/store/carts/cart_1/taxes")
        }
        #expect(response.status == .internalServerError)
        #expect(response.headers[.retryAfter] == "5")
    }

    @Test(arguments: [
        (HTTPRequest.Method.get, "/store/nowhere"),
        (.put, "/store/carts/cart_1"),
        (.get, "/healthz"),
    ])
    func anUnknownRouteIsNotFoundLikeExpress(_ method: HTTPRequest.Method, _ path: String) async throws {
        let response = try await withStoreAPI { client in try await client.send(method, path) }
        #expect(response.status == .notFound)
        #expect(try response.json == ["type": "not_found", "message": .string("Cannot \(method.rawValue) \(path)")])
    }

    struct Unexpected: Error {}

    /// The storefront can only throw `MedusaError`, so anything else comes from the edge itself; a bare
    /// router with the error middleware stands in for that.
    @Test func anyOtherErrorIsAnOpaque500() async throws {
        let router = Router(context: BridgeRequestContext.self)
        router.add(middleware: MedusaErrorMiddleware())
        router.get("boom") { _, _ -> Response in throw Unexpected() }
        let response = try await Application(router: router).test(.router) { client in
            try await client.send(.get, "/boom")
        }
        #expect(response.status == .internalServerError)
        #expect(
            try response.json
                == ["code": "unknown_error", "type": "unknown_error", "message": "An unknown error occurred."])
    }

    @Test func aServerErrorIsLoggedWithItsCauseAndAClientErrorIsNot() {
        let lines = LogLines()
        let logger = Logger(label: "test.errors") { _ in lines }
        let request = Request(
            head: HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: "/store/carts/cart_1"),
            body: RequestBody(buffer: ByteBuffer()))
        let failure = MedusaError(
            .unexpectedState, "The cart store is unavailable", cause: "store unavailable: SQLite error 10: disk I/O error")
        let response = MedusaErrorMiddleware<BasicRequestContext>.response(for: failure, request: request, logger: logger)
        #expect(response.status == .internalServerError)
        #expect(lines.messages.count == 1)
        #expect(lines.metadataOfEntries.first?["cause"]?.description == "store unavailable: SQLite error 10: disk I/O error")

        _ = MedusaErrorMiddleware<BasicRequestContext>.response(
            for: MedusaError.notFound("Cart with cart_2 was not found"), request: request, logger: logger)
        #expect(lines.messages.count == 1, "a 4xx is the client's business, not an incident")
    }
}

/// A log handler that keeps what it is given.
final class LogLines: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(message: String, metadata: Logger.Metadata)] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    var messages: [String] { lock.withLock { entries.map(\.message) } }
    var metadataOfEntries: [Logger.Metadata] { lock.withLock { entries.map(\.metadata) } }

    func log(
        level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
        function: String, line: UInt
    ) {
        lock.withLock { entries.append((message.description, metadata ?? [:])) }
    }
}

