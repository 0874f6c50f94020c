import Foundation
import FullCartAPI
import Testing

struct SessionHTTPTests {
    @Test func createsADeviceSession() async throws {
        try await SimulatorHarness.run(tokenLifetime: .seconds(120)) { sim in
            let before = Int(Date().timeIntervalSince1970)
            let reply = try await sim.send(
                .POST, "/api/v1/browser-session", headers: [("x-firmly-app-id", SimulatorHarness.appID)])
            #expect(reply.status == 200)
            let after = Int(Date().timeIntervalSince1970.rounded(.up))
            let session = try reply.decode(FullCartSessionResponse.self)
            #expect(session.deviceCreated)
            #expect(session.expiresIn == 120)
            #expect((before + 120...after + 120).contains(session.expires))
            #expect(UUID(uuidString: session.deviceID) != nil)
            #expect(session.accessToken.split(separator: ".").count == 3)
        }
    }

    @Test(arguments: [nil, "app-123456"])
    func refusesAMissingOrMalformedAppID(appID: String?) async throws {
        try await SimulatorHarness.run { sim in
            let reply = try await sim.send(
                .POST, "/api/v1/browser-session", headers: appID.map { [("x-firmly-app-id", $0)] } ?? [])
            #expect(reply.status == 400)
            let body = try reply.json()
            #expect(body["error"] as? String == "InvalidAppId")
            #expect(body["message"] as? String == "Application ID is invalid or not found")
            #expect(body["code"] == nil && body["description"] == nil)
        }
    }

    @Test func renewalKeepsTheDeviceAndItsCarts() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            let cart = try await sim.addLineOK("apparel.example", sku: "WS12-S-Orange", session)
            let reply = try await sim.send(
                .POST, "/api/v1/browser-session", json: #"{"access_token":"\#(session.token)"}"#,
                headers: [("x-firmly-app-id", SimulatorHarness.appID)])
            #expect(reply.status == 200)
            let renewed = try reply.decode(FullCartSessionResponse.self)
            #expect(!renewed.deviceCreated)
            #expect(renewed.deviceID == session.deviceID)
            #expect(renewed.accessToken != session.token)
            let again = try await sim.cart(
                "apparel.example", .init(token: renewed.accessToken, deviceID: renewed.deviceID))
            #expect(again.cartID == cart.cartID)
            #expect(again.lineItems.map(\.sku) == ["WS12-S-Orange"])
        }
    }

    @Test func expiredTokensAreRefusedButRenewable() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            try await sim.addLineOK("home.example", sku: "TX10-Rust", session)
            let expire = try await sim.send(.POST, "/_simulator/tokens/expire")
            #expect(expire.status == 200)

            let refused = try await sim.send(.GET, "/api/v2/domains/home.example/cart", token: session.token)
            #expect(refused.status == 401)
            let error = try refused.decode(FullCartErrorBody.self)
            #expect(error.error == "ErrorUnauthorized")
            #expect(error.code == 401)
            #expect(error.description?.contains("expired") == true)

            let renewed = try await sim.send(
                .POST, "/api/v1/browser-session", json: #"{"access_token":"\#(session.token)"}"#,
                headers: [("x-firmly-app-id", SimulatorHarness.appID)])
            #expect(renewed.status == 200)
            let token = try renewed.decode(FullCartSessionResponse.self).accessToken
            let cart = try await sim.cart("home.example", .init(token: token, deviceID: session.deviceID))
            #expect(cart.lineItems.map(\.sku) == ["TX10-Rust"])
        }
    }

    @Test func tokensTooOldCannotBeRenewed() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            let expire = try await sim.send(.POST, "/_simulator/tokens/expire", json: #"{"beyond_renewal":true}"#)
            #expect(expire.status == 200)
            let reply = try await sim.send(
                .POST, "/api/v1/browser-session", json: #"{"access_token":"\#(session.token)"}"#,
                headers: [("x-firmly-app-id", SimulatorHarness.appID)])
            #expect(reply.status == 401)
            let body = try reply.json()
            #expect(body["error"] as? String == "TokenExpired")
            #expect(body["message"] is String)
            // A new device still works.
            let fresh = try await sim.newSession()
            #expect(fresh.deviceID != session.deviceID)
        }
    }

    @Test func renewalWithAForgedTokenIsRefused() async throws {
        try await SimulatorHarness.run { sim in
            let reply = try await sim.send(
                .POST, "/api/v1/browser-session", json: #"{"access_token":"a.b.c"}"#,
                headers: [("x-firmly-app-id", SimulatorHarness.appID)])
            #expect(reply.status == 401)
            #expect(reply.errorCode == "InvalidToken")
            let malformed = try await sim.send(
                .POST, "/api/v1/browser-session", json: "[1]", headers: [("x-firmly-app-id", SimulatorHarness.appID)])
            #expect(malformed.status == 400)
            #expect(try malformed.json()["message"] is String)
        }
    }

    @Test func apiCallsNeedAValidToken() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            let missing = try await sim.send(.GET, "/api/v2/domains/apparel.example/cart/")
            #expect(missing.status == 401)
            #expect(missing.errorCode == "MissingAuthHeader")

            let forged = try await sim.send(.GET, "/api/v2/domains/apparel.example/cart/", token: "eyJ.abc.def")
            #expect(forged.status == 401)
            #expect(forged.errorCode == "InvalidToken")

            let bearer = try await sim.send(
                .GET, "/api/v2/domains/apparel.example/cart/", token: "Bearer \(session.token)")
            #expect(bearer.status == 200)
        }
    }
}
