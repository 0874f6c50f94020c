import FullCartAPI
import Testing

struct FaultHTTPTests {
    static let apparel = "apparel.example"

    @Test func latencyDelaysMatchingCalls() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            let set = try await sim.send(.PUT, "/_simulator/faults", json: #"{"latency_ms":300,"endpoints":["cart"]}"#)
            #expect(set.status == 200)
            #expect(try set.json()["latency_ms"] as? Int == 300)
            let clock = ContinuousClock()
            let start = clock.now
            let reply = try await sim.send(.GET, "/api/v2/domains/\(Self.apparel)/cart", token: session.token)
            #expect(reply.status == 200)
            #expect(clock.now - start >= .milliseconds(300))
        }
    }

    @Test func unavailableNextAnswers503WithoutSideEffects() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            _ = try await sim.send(
                .PUT, "/_simulator/faults", json: #"{"unavailable_next":2,"endpoints":["cart/line-items"]}"#)
            for _ in 0..<2 {
                let reply = try await sim.addLine(Self.apparel, sku: "WS12-S-Blue", session)
                #expect(reply.status == 503)
                let error = try reply.decode(FullCartErrorBody.self)
                #expect(error.error == "ErrorStoreUnavailable" && error.code == 503)
            }
            // Other endpoints are unaffected, and the refused adds left no trace.
            #expect(try await sim.cart(Self.apparel, session).lineItems.isEmpty)
            #expect(try await sim.addLine(Self.apparel, sku: "WS12-S-Blue", session).status == 200)
            #expect(try await sim.send(.GET, "/_simulator/faults").json()["unavailable_next"] as? Int == 0)
        }
    }

    @Test func domainFiltersLimitFaults() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            _ = try await sim.send(
                .PUT, "/_simulator/faults", json: #"{"unavailable_next":1,"domains":["home.example"]}"#)
            #expect(try await sim.addLine(Self.apparel, sku: "WS12-S-Blue", session).status == 200)
            #expect(try await sim.send(.GET, "/api/v1/payment/key").status == 200)
            #expect(try await sim.addLine("home.example", sku: "TX10-Rust", session).status == 503)
        }
    }

    @Test func unavailableRateIsReproducibleForASeed() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            func statuses() async throws -> [Int] {
                _ = try await sim.send(.PUT, "/_simulator/faults", json: #"{"unavailable_rate":0.5,"seed":42}"#)
                var statuses: [Int] = []
                for _ in 0..<16 {
                    statuses.append(
                        try await sim.send(.GET, "/api/v2/domains/\(Self.apparel)/cart", token: session.token).status)
                }
                return statuses
            }
            let first = try await statuses()
            #expect(first.contains(503) && first.contains(200))
            #expect(try await statuses() == first)
            let cleared = try await sim.send(.DELETE, "/_simulator/faults")
            #expect(try cleared.json()["unavailable_rate"] as? Double == 0)
            #expect(
                try await sim.send(.GET, "/api/v2/domains/\(Self.apparel)/cart", token: session.token).status == 200)
        }
    }

    @Test func droppedConnectionsAfterCommitLeaveTheOrderPlaced() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.readyApparelCart()
            _ = try await sim.send(
                .PUT, "/_simulator/faults", json: #"{"drop_after_commit_next":1,"endpoints":["complete-order"]}"#)
            await #expect(throws: (any Error).self) {
                _ = try await sim.completeOrder(Self.apparel, card: "4111111111111111", session)
            }
            let ledger = try await sim.ledger()
            #expect(ledger.count == 1)
            let cart = try await sim.cart(Self.apparel, session)
            #expect(cart.status == .submitted)
            #expect(cart.platformOrderNumber == ledger.first?["order_number"] as? String)
            // A blind retry is refused; the client reconciles from the cart instead.
            let retry = try await sim.completeOrder(Self.apparel, card: "4111111111111111", session)
            #expect(retry.status == 409)
            #expect(try await sim.ledger().count == 1)
        }
    }

    @Test func aProxyErrorPageAfterCommitIsHTMLNotTheMerchantsEnvelope() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.readyApparelCart()
            _ = try await sim.send(
                .PUT, "/_simulator/faults", json: #"{"proxy_error_after_commit_next":1,"proxy_error_status":503}"#)
            let reply = try await sim.completeOrder(Self.apparel, card: "4111111111111111", session)
            #expect(reply.status == 503)
            #expect((try? reply.decode(FullCartErrorBody.self)) == nil, "an HTML page, not an envelope")
            #expect(try await sim.ledger().count == 1)
            #expect(try await sim.cart(Self.apparel, session).status == .submitted)
        }
    }

    @Test func aRefusalAfterCommitStillPlacesTheOrder() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.readyApparelCart()
            _ = try await sim.send(.PUT, "/_simulator/faults", json: #"{"refuse_after_commit_next":1}"#)
            let reply = try await sim.completeOrder(Self.apparel, card: "4111111111111111", session)
            #expect(reply.status == 400)
            #expect(reply.errorCode == "ErrorInvalidInputBody")
            #expect(try await sim.ledger().count == 1)
        }
    }

    @Test func staleReadsShowTheCartAsItWasBeforeSubmission() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.readyApparelCart()
            #expect(try await sim.completeOrder(Self.apparel, card: "4111111111111111", session).status == 200)
            _ = try await sim.send(.PUT, "/_simulator/faults", json: #"{"stale_cart_reads_next":1}"#)
            let stale = try await sim.cart(Self.apparel, session)
            #expect(stale.status == .active)
            #expect(stale.platformOrderNumber == nil)
            #expect(try await sim.cart(Self.apparel, session).status == .submitted)
        }
    }

    @Test func callsAreCountedPerEndpoint() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            _ = try await sim.cart(Self.apparel, session)
            _ = try await sim.cart(Self.apparel, session)
            _ = try await sim.paymentKey()
            let calls = try await sim.send(.GET, "/_simulator/calls").json()
            #expect(calls["cart"] as? Int == 2)
            #expect(calls["payment/key"] as? Int == 1)
        }
    }

    @Test(arguments: [
        #"{"unavailable_rate":2}"#, #"{"proxy_error_status":404}"#, #"{"body_stall_ms":-1}"#,
        #"{"stale_cart_reads_next":-1}"#,
    ])
    func badFaultSettingsAreRefused(_ json: String) async throws {
        try await SimulatorHarness.run { sim in
            let reply = try await sim.send(.PUT, "/_simulator/faults", json: json)
            #expect(reply.status == 400)
            #expect(reply.errorCode == "ErrorInvalidInputBody")
        }
    }
}
