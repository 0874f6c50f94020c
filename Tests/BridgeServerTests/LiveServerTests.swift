@testable import MedusaV1
import Bridge
import BridgeServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// `makeApplication` over real sockets: what `cartbridge serve` runs.
@Suite struct LiveServerTests {
    @Test func servesTheStoreAPIAndReportsItsPort() async throws {
        let storefront = FakeStorefront()
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        try await withIdempotencyLedger { ledger in
            let app = BridgeHTTPServer.makeApplication(
                storefront: storefront, idempotency: ledger, options: ServerOptions(port: 0), logger: quietLogger
            ) { port in
                portContinuation.yield(port)
                portContinuation.finish()
            }
            try await app.test(.live) { client in
                let response = try await client.send(.post, "/store/carts", body: "{}", headers: [.userAgent: "live-test"])
                #expect(response.status == .ok)
                var reported = ports.makeAsyncIterator()
                #expect(await reported.next() == client.port)
            }
        }
        // With no X-Forwarded-For, the new cart's context gets the connection's own address.
        let created = try #require(storefront.calls.first)
        guard case .createCart(_, let clientInfo) = created else {
            Issue.record("expected createCart, got \(created)")
            return
        }
        #expect(["127.0.0.1", "::1"].contains(clientInfo.ip))
        #expect(clientInfo.userAgent == "live-test")
    }
}
