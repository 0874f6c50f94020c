@testable import MedusaV1
import Bridge
import BridgeServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MedusaAPI
import NIOCore
import ServiceLifecycle
import Testing

/// What SIGTERM does to `cartbridge serve`, through the same service group, triggered by hand.
@Suite struct GracefulShutdownTests {
    @Test func anInFlightRequestFinishesWhileNewConnectionsAreRefused() async throws {
        try await withIdempotencyLedger { ledger in try await inFlightRequestFinishes(ledger) }
    }

    private func inFlightRequestFinishes(_ ledger: IdempotencyLedger) async throws {
        let gate = RequestGate()
        let options = ServerOptions(port: 0, shutdownTimeout: .seconds(30))
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = BridgeHTTPServer.makeApplication(
            storefront: FakeStorefront(gate: gate), idempotency: ledger, options: options, logger: quietLogger
        ) { port in portContinuation.yield(port) }
        let group = BridgeHTTPServer.serviceGroup(services: [app], options: options, signals: [], logger: quietLogger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var reported = ports.makeAsyncIterator()
            let port = try #require(await reported.next())
            let client = TestClient(host: options.host, port: port)
            client.connect()
            async let inFlight = client.get("/store/carts/cart_slow")
            await gate.waitForArrival()

            await group.triggerGracefulShutdown()
            #expect(await Self.connectionIsRefused(host: options.host, port: port))

            gate.open()
            let response = try await inFlight
            #expect(response.status == .ok)
            #expect(try response.json["cart"]?["id"] == "cart_slow")
            try await tasks.next()
            try? await client.shutdown()
        }
    }

    /// The listener closes shortly after the shutdown starts; until it has, a connection still succeeds (and is
    /// closed again at once, having no request). No sleeping: each attempt is a real connect.
    private static func connectionIsRefused(host: String, port: Int) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            let probe = TestClient(host: host, port: port)
            probe.connect()
            do {
                _ = try await probe.channelPromise.futureResult.get()
                try? await probe.shutdown()
            } catch {
                return true
            }
        }
        return false
    }
}

extension TestClient.Response {
    var json: JSONValue {
        get throws { try JSONDecoder().decode(JSONValue.self, from: Data((body ?? ByteBuffer()).readableBytesView)) }
    }
}
