import FullCartAPI
import Testing

struct ControlHTTPTests {
    @Test func theLedgerCanBeCleared() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.readyApparelCart()
            #expect(try await sim.completeOrder("apparel.example", card: "4111111111111111", session).status == 200)
            #expect(try await sim.ledger().count == 1)
            let cleared = try await sim.send(.DELETE, "/_simulator/orders")
            #expect(cleared.status == 200)
            #expect(try await sim.ledger().isEmpty)
        }
    }

    @Test func resetForgetsEverythingButTheCatalog() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            try await sim.addLineOK("apparel.example", sku: "JK40-L-Black", quantity: 20, session)
            try await sim.setShippingInfoOK("apparel.example", session)
            let order = try await sim.completeOrder("apparel.example", card: "4111111111111111", session)
            let submitted = try order.decode(FullCartCart.self)
            _ = try await sim.send(.PUT, "/_simulator/faults", json: #"{"latency_ms":5}"#)

            let reset = try await sim.send(.POST, "/_simulator/reset")
            #expect(reset.status == 200)
            #expect(try await sim.ledger().isEmpty)
            #expect(try await sim.send(.GET, "/_simulator/faults").json()["latency_ms"] as? Int == 0)
            // The token still works; the device starts with a new, empty cart, and stock is back.
            let cart = try await sim.cart("apparel.example", session)
            #expect(cart.cartID != submitted.cartID)
            #expect(cart.lineItems.isEmpty && cart.status == .active)
            try await sim.addLineOK("apparel.example", sku: "JK40-L-Black", quantity: 20, session)
            try await sim.setShippingInfoOK("apparel.example", session)
            let again = try await sim.completeOrder("apparel.example", card: "4111111111111111", session)
            #expect(try again.decode(FullCartCart.self).platformOrderNumber == "SIM-100001")
        }
    }

    @Test func rotationRefusesANegativeGrace() async throws {
        try await SimulatorHarness.run { sim in
            let reply = try await sim.send(.POST, "/_simulator/key/rotate", json: #"{"grace_seconds":-1}"#)
            #expect(reply.status == 400)
        }
    }
}
