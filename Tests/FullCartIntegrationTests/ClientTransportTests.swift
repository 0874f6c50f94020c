import AsyncHTTPClient
import Foundation
import FullCartAPI
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import Testing

/// Failures without a proper answer: timeouts, refused and dropped connections, bodies that are not JSON,
/// and which calls are retried.
@Suite("Full Cart client: transport failures and retries")
struct ClientTransportTests {
    @Test("a read answered 503 once is retried and succeeds")
    func readRetriedOn503() async throws {
        try await SimulatorHarness.run { sim in
            let client = sim.client()
            let session = try await client.createSession()
            try await sim.setFaults(#"{"unavailable_next":1,"endpoints":["cart"]}"#)
            let cart = try await client.cart(session: session)
            #expect(cart.value.lineItems.isEmpty)
        }
    }

    @Test("a mutation answered 503 is not retried, and nothing happened at the merchant")
    func mutationNotRetried() async throws {
        try await SimulatorHarness.run { sim in
            let client = sim.client()
            let session = try await client.createSession()
            try await sim.setFaults(#"{"unavailable_next":1,"endpoints":["line-items"]}"#)
            let error = await #expect(throws: FullCartError.self) {
                try await client.addLineItem(ClientErrorTableTests.tee, session: session)
            }
            #expect(error?.code == "ErrorStoreUnavailable")
            #expect(error?.isTransient == true)
            #expect(try await client.cart(session: session).value.lineItems.isEmpty)
        }
    }

    @Test("complete-order is never retried: one 503 surfaces, no order is placed")
    func completeOrderNotRetried() async throws {
        try await SimulatorHarness.run { sim in
            let (client, cart) = try await ClientErrorTableTests.readyCart(sim)
            let card = try await Shopper.encryptedCard(for: client)
            try await sim.setFaults(#"{"unavailable_next":1,"endpoints":["complete-order"]}"#)
            let error = await #expect(throws: FullCartError.self) {
                try await client.completeOrder(.init(encryptedCard: card, billingInfo: Shopper.address), session: cart.session)
            }
            #expect(error?.status == 503)
            #expect(try await sim.orders().isEmpty)
            // The merchant recovered: the same request now places exactly one order.
            _ = try await client.completeOrder(.init(encryptedCard: card, billingInfo: Shopper.address), session: cart.session)
            #expect(try await sim.orders().count == 1)
        }
    }

    @Test("a merchant slower than the deadline is a timeout whose outcome is unknown")
    func timeout() async throws {
        try await SimulatorHarness.run { sim in
            // The session comes from a patient client; only the cart read has the short deadline.
            let session = try await sim.client().createSession()
            let client = sim.client(
                timeouts: FullCartTimeouts(request: .milliseconds(300), completeOrder: .milliseconds(300)),
                configuration: FullCartClientConfiguration(retry: .none))
            try await sim.setFaults(#"{"latency_ms":3000,"endpoints":["cart"]}"#)
            let error = await #expect(throws: FullCartError.self) { try await client.cart(session: session) }
            #expect(error?.kind == .timeout)
            #expect(error?.mayHaveTakenEffect == true)
        }
    }

    @Test("a connection dropped after the order committed is connectionLost; reading the cart reconciles it")
    func droppedAfterCommit() async throws {
        try await SimulatorHarness.run { sim in
            let (client, cart) = try await ClientErrorTableTests.readyCart(sim)
            let card = try await Shopper.encryptedCard(for: client)
            try await sim.setFaults(#"{"drop_after_commit_next":1}"#)
            let error = await #expect(throws: FullCartError.self) {
                try await client.completeOrder(.init(encryptedCard: card, billingInfo: Shopper.address), session: cart.session)
            }
            #expect(error?.kind == .connectionLost)
            #expect(error?.mayHaveTakenEffect == true)
            let placed = try await sim.orders()
            #expect(placed.count == 1)
            let readBack = try await client.cart(session: cart.session)
            #expect(readBack.value.status == .submitted)
            #expect(readBack.value.platformOrderNumber == placed.first?.orderNumber)
        }
    }

    @Test("a refused connection fails fast as connectionFailed: nothing was sent")
    func refused() async throws {
        let http = FullCartHTTPClient.make()
        let port = try await Self.closedPort()
        let client = FullCartClient(
            merchant: FullCartMerchant(
                domain: "apparel.example", apiBaseURL: "http://127.0.0.1:\(port)",
                paymentBaseURL: "http://127.0.0.1:\(port)", appID: SimulatorHarness.appID),
            http: http, configuration: FullCartClientConfiguration(retry: .none))
        let error = await #expect(throws: FullCartError.self) { try await client.createSession() }
        #expect(error?.kind == .connectionFailed)
        #expect(error?.mayHaveTakenEffect == false)
        try await http.shutdown()
    }

    @Test(
        "bodies that are not the expected JSON are typed errors",
        arguments: [
            ("/api/v1/browser-session", FullCartError.Kind.invalidResponse, "InvalidResponse", Optional(200)),
            ("/api/v2/domains/broken.example/cart/", .connectionLost, "ConnectionLost", nil),
            // Not the merchant's envelope: a page from whatever stands in front of it.
            ("/api/v1/payment/key", .unrecognizedAnswer, "UnrecognizedAnswer", 500),
            ("/api/v2/domains/broken.example/cart/line-items", .unrecognizedAnswer, "UnrecognizedAnswer", 502),
            ("/api/v2/domains/broken.example/cart/promo-codes", .unrecognizedAnswer, "UnexpectedAnswer", 302),
            // The merchant's own envelope keeps its code, whatever the status.
            ("/api/v2/domains/broken.example/cart/shipping-info", .merchant, "ErrorCartSubmitted", 409),
        ])
    func misbehavingMerchant(path: String, kind: FullCartError.Kind, code: String, status: Int?) async throws {
        try await MisbehavingMerchant.run { baseURL, http in
            let client = FullCartClient(
                merchant: FullCartMerchant(
                    domain: "broken.example", apiBaseURL: baseURL, paymentBaseURL: baseURL, appID: SimulatorHarness.appID),
                http: http, configuration: FullCartClientConfiguration(retry: .none))
            let session = DeviceSession(accessToken: "t", deviceID: "d", expiresAt: .distantFuture)
            let error = await #expect(throws: FullCartError.self) {
                switch path {
                case "/api/v1/browser-session": _ = try await client.createSession()
                case "/api/v1/payment/key": _ = try await client.paymentKey()
                case let path where path.hasSuffix("line-items"):
                    _ = try await client.addLineItem(ClientErrorTableTests.tee, session: session)
                case let path where path.hasSuffix("promo-codes"):
                    _ = try await client.applyPromoCodes(["SAVE"], session: session)
                case let path where path.hasSuffix("shipping-info"):
                    _ = try await client.setShippingInfo(Shopper.address, session: session)
                default: _ = try await client.cart(session: session)
                }
            }
            #expect(error?.kind == kind)
            #expect(error?.code == code)
            #expect(error?.status == status)
        }
    }

    /// AsyncHTTPClient's own deadline ends with the headers; the client's covers the body too.
    @Test("a merchant that sends headers and then stalls times out within the deadline")
    func stalledBodyTimesOut() async throws {
        try await MisbehavingMerchant.run { baseURL, http in
            let client = FullCartClient(
                merchant: FullCartMerchant(
                    domain: "broken.example", apiBaseURL: baseURL, paymentBaseURL: baseURL, appID: SimulatorHarness.appID,
                    timeouts: FullCartTimeouts(request: .milliseconds(400), completeOrder: .milliseconds(400))),
                http: http, configuration: FullCartClientConfiguration(retry: .none))
            let session = DeviceSession(accessToken: "t", deviceID: "d", expiresAt: .distantFuture)
            let started = ContinuousClock.now
            let error = await #expect(throws: FullCartError.self) {
                _ = try await client.clearLineItems(session: session)
            }
            let waited = ContinuousClock.now - started
            #expect(error?.kind == .timeout)
            #expect(error?.mayHaveTakenEffect == true)
            #expect(waited >= .milliseconds(400) && waited < .seconds(5), "waited \(waited)")
        }
    }

    /// A port that was just bound and released, so nothing listens on it.
    static func closedPort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(channel.localAddress?.port)
        try await channel.close()
        return port
    }
}

/// A merchant that answers badly: HTML with 200, a body cut off mid-stream, a 500 with a text body, a proxy's 502
/// page, a redirect, its own 409 envelope, and headers followed by a body that never comes.
enum MisbehavingMerchant {
    struct Truncated: Error {}

    static func run(_ body: @Sendable (String, HTTPClient) async throws -> Void) async throws {
        let router = Router()
        // Held until the test is over, then released so the server can shut down.
        let stallReleased = StallRelease()
        router.post("/api/v1/browser-session") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html"], body: .init(byteBuffer: ByteBuffer(string: "<html>hi</html>")))
        }
        router.get("/api/v2/domains/broken.example/cart/") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json", .contentLength: "4096"],
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: #"{"cart_id":"c1","line_i"#))
                    throw Truncated()
                })
        }
        router.get("/api/v1/payment/key") { _, _ in
            Response(status: .internalServerError, body: .init(byteBuffer: ByteBuffer(string: "upstream exploded")))
        }
        router.post("/api/v2/domains/broken.example/cart/line-items") { _, _ in
            Response(
                status: .badGateway, headers: [.contentType: "text/html"],
                body: .init(byteBuffer: ByteBuffer(string: "<html><h1>502 Bad Gateway</h1></html>")))
        }
        router.post("/api/v2/domains/broken.example/cart/promo-codes") { _, _ in
            Response(status: .found, headers: [.location: "https://elsewhere.example/login"])
        }
        router.post("/api/v2/domains/broken.example/cart/shipping-info") { _, _ in
            Response(
                status: .conflict, headers: [.contentType: "application/json"],
                body: .init(
                    byteBuffer: ByteBuffer(
                        string: #"{"code":409,"error":"ErrorCartSubmitted","description":"Cart was already submitted"}"#)))
        }
        router.delete("/api/v2/domains/broken.example/cart/line-items") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: "{"))
                    await stallReleased.wait()
                    try await writer.finish(nil)
                })
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            }, logger: Logger(label: "test.misbehaving"))
        let http = FullCartHTTPClient.make()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            do {
                try await body("http://127.0.0.1:\(port)", http)
            } catch {
                await stallReleased.release()
                throw error
            }
            await stallReleased.release()
            group.cancelAll()
        }
        try await http.shutdown()
    }
}

/// Lets a stalled answer finish once the test is done with it.
actor StallRelease {
    private var released = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if released { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        released = true
        for waiter in waiters { waiter.resume() }
        waiters = []
    }
}
