import Foundation
import FullCartAPI
import Testing

@Suite("Full Cart client ↔ simulator: device sessions")
struct ClientSessionTests {
    @Test("renewal keeps the device and its cart")
    func renewalKeepsDevice() async throws {
        try await SimulatorHarness.run { sim in
            let client = sim.client()
            let session = try await client.createSession()
            let cart = try await client.addLineItem(
                .init(addToCartRef: .init(variantID: "WS12-XS-Orange"), quantity: 1), session: session)
            let renewed = try await client.renewSession(cart.session)
            #expect(renewed.deviceID == session.deviceID)
            #expect(renewed.accessToken != session.accessToken)
            #expect(try await client.cart(session: renewed).value.cartID == cart.value.cartID)
        }
    }

    @Test("a session close to expiry is renewed before the call, keeping the device")
    func renewsBeforeExpiry() async throws {
        // Tokens live 60 s; the default renewal margin is 300 s, so every call renews first.
        try await SimulatorHarness.run(tokenLifetime: .seconds(60)) { sim in
            let client = sim.client()
            let session = try await client.createSession()
            let result = try await client.cart(session: session)
            #expect(result.session.deviceID == session.deviceID)
            #expect(result.session.accessToken != session.accessToken)
        }
    }

    @Test("a 401 for an expired token renews once and retries once, transparently")
    func renewsOn401() async throws {
        try await SimulatorHarness.run { sim in
            let client = sim.client()
            let session = try await client.createSession()
            let first = try await client.addLineItem(
                .init(addToCartRef: .init(variantID: "WS12-XS-Orange"), quantity: 1), session: session)
            try await sim.control(.POST, "tokens/expire")
            let again = try await client.cart(session: first.session)
            #expect(again.session.accessToken != first.session.accessToken)
            #expect(again.session.deviceID == session.deviceID)
            #expect(again.value.lineItems.count == 1)
        }
    }

    @Test("a token too old to renew surfaces as TokenExpired")
    func tooOldToRenew() async throws {
        try await SimulatorHarness.run { sim in
            let client = sim.client()
            let session = try await client.createSession()
            try await sim.control(.POST, "tokens/expire", #"{"beyond_renewal":true}"#)
            let error = await #expect(throws: FullCartError.self) { try await client.cart(session: session) }
            #expect(error?.status == 401)
            #expect(error?.code == "TokenExpired")
        }
    }

    @Test("a garbage token that cannot be renewed is a typed 401")
    func garbageToken() async throws {
        try await SimulatorHarness.run { sim in
            let client = sim.client()
            let forged = DeviceSession(accessToken: "not.a.jwt", deviceID: "d", expiresAt: .distantFuture)
            let error = await #expect(throws: FullCartError.self) { try await client.cart(session: forged) }
            #expect(error?.status == 401)
            #expect(error?.isUnauthorized == true)
        }
    }
}
