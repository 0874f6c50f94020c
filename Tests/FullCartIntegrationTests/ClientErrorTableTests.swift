import Foundation
import Testing

@testable import FullCartAPI

/// Every error code the simulator emits reaches the caller as a typed `FullCartError` carrying the HTTP
/// status, the Full Cart code and the merchant's description.
@Suite("Full Cart client ↔ simulator: error codes")
struct ClientErrorTableTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let status: Int
        let code: String
        let trigger: @Sendable (SimulatorHarness) async throws -> Void
        var testDescription: String { "\(status) \(code)" }
    }

    static let tee = FullCartAddLineItemRequest(addToCartRef: .init(variantID: "WS12-XS-Orange"), quantity: 1)

    /// A cart with one tee and shipping info, on a fresh device.
    static func readyCart(_ sim: SimulatorHarness, domain: String = SimulatorHarness.apparel)
        async throws -> (FullCartClient, Authenticated<FullCartCart>)
    {
        let client = sim.client(domain: domain)
        let cart = try await client.addLineItem(tee, session: try await client.createSession())
        return (client, try await client.setShippingInfo(Shopper.address, session: cart.session))
    }

    static let cases: [Case] = [
        Case(status: 400, code: "InvalidAppId") { sim in _ = try await sim.client(appID: "not-a-uuid").createSession() },
        Case(status: 401, code: "MissingAuthHeader") { sim in
            _ = try await sim.rawTransport().send(
                .init(method: .GET, host: .api, path: "/api/v2/domains/apparel.example/cart", isRetryable: false,
                      timeout: .seconds(5), name: "GET cart"))
        },
        Case(status: 404, code: "RouteNotFound") { sim in
            _ = try await sim.rawTransport().send(
                .init(method: .GET, host: .api, path: "/api/v9/nowhere", isRetryable: false, timeout: .seconds(5),
                      name: "GET nowhere"))
        },
        Case(status: 401, code: "TokenExpired") { sim in
            let client = sim.client()
            let session = try await client.createSession()
            try await sim.control(.POST, "tokens/expire", #"{"beyond_renewal":true}"#)
            _ = try await client.renewSession(session)
        },
        Case(status: 400, code: "Size Invalid") { sim in
            let client = sim.client()
            _ = try await client.products(size: 7, session: try await client.createSession())
        },
        Case(status: 404, code: "ErrorProductNotFound") { sim in
            let client = sim.client()
            _ = try await client.addLineItem(
                .init(addToCartRef: .init(variantID: "NO-SUCH-SKU"), quantity: 1), session: try await client.createSession())
        },
        Case(status: 400, code: "ErrorNotEnoughStock") { sim in
            let client = sim.client()
            _ = try await client.addLineItem(
                .init(addToCartRef: .init(variantID: "AC05-Charcoal"), quantity: 1), session: try await client.createSession())
        },
        Case(status: 404, code: "ErrorLineItemNotFound") { sim in
            let (client, cart) = try await readyCart(sim)
            _ = try await client.updateLineItem(id: "item_nope", quantity: 2, session: cart.session)
        },
        Case(status: 400, code: "ErrorInvalidInputBody") { sim in
            let client = sim.client()
            let cart = try await client.addLineItem(tee, session: try await client.createSession())
            _ = try await client.setShippingInfo(FullCartAddress(firstName: "Ada"), session: cart.session)
        },
        Case(status: 400, code: "ErrorCountryNotSupported") { sim in
            let client = sim.client()
            let cart = try await client.addLineItem(tee, session: try await client.createSession())
            var address = Shopper.address
            address.country = "XX"
            _ = try await client.setShippingInfo(address, session: cart.session)
        },
        Case(status: 404, code: "ErrorShipmentNotFound") { sim in
            let (client, cart) = try await readyCart(sim)
            _ = try await client.setShippingMethod(
                .init(shipmentID: "ship_nope", shippingMethodID: "STANDARD_SHIPPING"), session: cart.session)
        },
        Case(status: 400, code: "ErrorInvalidShippingMethod") { sim in
            let (client, cart) = try await readyCart(sim)
            let shipment = try #require(cart.value.shipments.first)
            _ = try await client.setShippingMethod(
                .init(shipmentID: shipment.shipmentID, shippingMethodID: "TELEPORT"), session: cart.session)
        },
        Case(status: 400, code: "ErrorInvalidFulfillmentType") { sim in
            let (client, cart) = try await readyCart(sim)
            let shipment = try #require(cart.value.shipments.first)
            _ = try await client.setFulfillmentType(
                .init(shipmentID: shipment.shipmentID, fulfillmentType: "DRONE"), session: cart.session)
        },
        Case(status: 404, code: "ErrorAddonNotFound") { sim in
            let (client, cart) = try await readyCart(sim)
            _ = try await client.addAddon(.init(addonID: "no_such_addon"), session: cart.session)
        },
        Case(status: 422, code: "ErrorAddonNotSelected") { sim in
            let (client, cart) = try await readyCart(sim)
            _ = try await client.removeAddon(.init(addonID: "shipping_protection"), session: cart.session)
        },
        Case(status: 422, code: "ErrorInvalidPromoCode") { sim in
            let (client, cart) = try await readyCart(sim)
            _ = try await client.applyPromoCodes(["SUMMER2020"], session: cart.session)
        },
        Case(status: 422, code: "ErrorPromoNotAvailable") { sim in
            let (client, cart) = try await readyCart(sim)
            _ = try await client.applyPromoCodes(["TAKE20"], session: cart.session)
        },
        Case(status: 404, code: "ErrorCartNotFound") { sim in
            let client = sim.client(domain: "unknown.example")
            _ = try await client.cart(session: try await client.createSession())
        },
        Case(status: 422, code: "ErrorMissingRequiredParameters") { sim in
            let client = sim.client()
            let cart = try await client.addLineItem(tee, session: try await client.createSession())
            _ = try await client.completeOrder(
                .init(encryptedCard: try await Shopper.encryptedCard(for: client), billingInfo: Shopper.address),
                session: cart.session)
        },
        Case(status: 402, code: "ErrorPaymentDeclined") { sim in
            let (client, cart) = try await readyCart(sim)
            _ = try await client.completeOrder(
                .init(encryptedCard: try await Shopper.encryptedCard(for: client, number: "4000000000000002"),
                      billingInfo: Shopper.address),
                session: cart.session)
        },
        Case(status: 503, code: "ErrorStoreUnavailable") { sim in
            let (client, cart) = try await readyCart(sim)
            _ = try await client.completeOrder(
                .init(encryptedCard: try await Shopper.encryptedCard(for: client, number: "4000000000000119"),
                      billingInfo: Shopper.address),
                session: cart.session)
        },
        Case(status: 409, code: "ErrorCartSubmitted") { sim in
            let (client, cart) = try await readyCart(sim)
            let order = try await client.completeOrder(
                .init(encryptedCard: try await Shopper.encryptedCard(for: client), billingInfo: Shopper.address),
                session: cart.session)
            _ = try await client.addLineItem(tee, session: order.session)
        },
    ]

    @Test("each code is a typed error with status, code and description", arguments: cases)
    func typedError(_ testCase: Case) async throws {
        try await SimulatorHarness.run { sim in
            let error = await #expect(throws: FullCartError.self) { try await testCase.trigger(sim) }
            #expect(error?.kind == .merchant)
            #expect(error?.status == testCase.status)
            #expect(error?.code == testCase.code)
            #expect(error.map { !$0.message.isEmpty } == true)
        }
    }
}

extension SimulatorHarness {
    /// The transport without the client's session handling, to send what the client never would.
    func rawTransport() -> FullCartTransport {
        let client = client()
        return FullCartTransport(
            http: http, merchant: client.merchant, configuration: FullCartClientConfiguration(),
            logger: .init(label: "test"))
    }
}
