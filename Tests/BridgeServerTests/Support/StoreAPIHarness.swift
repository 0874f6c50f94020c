@testable import MedusaV1
import Bridge
import BridgeServer
import BridgeStoreDatabases
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MedusaAPI
import Prometheus

/// Runs `test` against CartBridge's real router, in process, over `storefront`. The rate limit is off unless
/// `adjust` turns it on, so tests may complete as often as they like.
func withStoreAPI<Value>(
    storefront: FakeStorefront = FakeStorefront(), storeCORS: String = "http://localhost:8000",
    metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), readiness: [HealthCheck] = [],
    web: WebAssets? = nil, adjust: (inout ServerOptions) -> Void = { _ in },
    _ test: @Sendable (any TestClientProtocol) async throws -> Value
) async throws -> Value {
    var options = ServerOptions(
        maxBodyBytes: testBodyLimit, allowedOrigins: AllowedOrigins(storeCORS: storeCORS),
        rateLimit: BridgeConfiguration.RateLimit(requestsPerMinute: 0))
    adjust(&options)
    return try await withIdempotencyLedger { ledger in
        let app = Application(
            router: BridgeHTTPServer.makeRouter(
                storefront: storefront, idempotency: ledger, options: options, web: web, metrics: metrics,
                readiness: readiness),
            logger: quietLogger)
        return try await app.test(.router, test)
    }
}

/// A ledger over a fresh in-memory store, closed when `body` ends.
func withIdempotencyLedger<Value>(_ body: (IdempotencyLedger) async throws -> Value) async throws -> Value {
    let store = try await BridgeStores.open(url: "sqlite::memory:", logger: quietLogger)
    let result: Result<Value, any Error>
    do {
        result = .success(try await body(IdempotencyLedger(store: store, logger: quietLogger)))
    } catch {
        result = .failure(error)
    }
    try await store.close()
    return try result.get()
}

/// Request logs would drown the test output; problems still show.
let quietLogger = {
    var logger = Logger(label: "BridgeServerTests")
    logger.logLevel = .warning
    return logger
}()

/// Small, so the 413 test needs no large body.
let testBodyLimit = 1024

extension TestClientProtocol {
    func send(
        _ method: HTTPRequest.Method, _ uri: String, body: String? = nil, headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = headers
        if body != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    var json: JSONValue {
        get throws { try JSONDecoder().decode(JSONValue.self, from: Data(body.readableBytesView)) }
    }

    var text: String { String(buffer: body) }
}

extension HTTPField.Name {
    static let idempotencyKey = Self("Idempotency-Key")!
}
