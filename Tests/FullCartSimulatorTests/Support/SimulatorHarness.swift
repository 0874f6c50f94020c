import AsyncHTTPClient
import CardCrypto
import Foundation
import FullCartAPI
import FullCartSimulator
import Logging
import NIOCore
import NIOHTTP1
import Testing

/// A simulator on a real loopback port and a raw-JSON client for it.
struct SimulatorHarness: Sendable {
    static let appID = "6f9a2c1e-3b4d-4e5f-8a7b-9c0d1e2f3a4b"

    let baseURL: URL

    /// One payment key for every test simulator: generating RSA keys dominates start-up time.
    static let sharedPaymentKey: CardKeyPair = {
        do {
            return try CardKeyPair.generate(kid: "sim-test-key")
        } catch {
            fatalError("\(error)")
        }
    }()

    /// Runs `body` against a fresh simulator on an ephemeral port.
    static func run<T: Sendable>(
        tokenLifetime: Duration = .seconds(3600), keyGrace: Duration = .seconds(60),
        _ body: (SimulatorHarness) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "FullCartSimulatorTests")
        logger.logLevel = .warning
        let configuration = SimulatorConfiguration(
            port: 0, tokenLifetime: tokenLifetime, keyGracePeriod: keyGrace, randomSeed: 7,
            paymentKey: sharedPaymentKey)
        return try await FullCartSimulator.withRunning(configuration: configuration, logger: logger) { baseURL in
            try await body(SimulatorHarness(baseURL: baseURL))
        }
    }

    // MARK: Raw HTTP

    struct Reply: Sendable {
        let status: Int
        let headers: HTTPHeaders
        let body: Data

        var text: String { String(decoding: body, as: UTF8.self) }

        /// The body as a JSON object.
        func json(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
            let object = try JSONSerialization.jsonObject(with: body)
            return try #require(object as? [String: Any], "not a JSON object: \(text)", sourceLocation: sourceLocation)
        }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try JSONDecoder().decode(type, from: body)
        }

        /// `error` of either error envelope.
        var errorCode: String? { (try? decode(FullCartErrorBody.self))?.error }
    }

    func send(
        _ method: HTTPMethod, _ path: String, json: String? = nil, token: String? = nil,
        headers extraHeaders: [(String, String)] = []
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL.absoluteString + path)
        request.method = method
        if let token { request.headers.add(name: "x-firmly-authorization", value: token) }
        for (name, value) in extraHeaders { request.headers.add(name: name, value: value) }
        if let json {
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 4 * 1024 * 1024)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Data(buffer: body))
    }

    // MARK: Flow helpers

    struct Session: Sendable {
        let token: String
        let deviceID: String
    }

    func newSession() async throws -> Session {
        let reply = try await send(.POST, "/api/v1/browser-session", headers: [("x-firmly-app-id", Self.appID)])
        try #require(reply.status == 200, "\(reply.text)")
        let session = try reply.decode(FullCartSessionResponse.self)
        return Session(token: session.accessToken, deviceID: session.deviceID)
    }

    @discardableResult
    func cart(_ domain: String, _ session: Session) async throws -> FullCartCart {
        let reply = try await send(.GET, "/api/v2/domains/\(domain)/cart", token: session.token)
        try #require(reply.status == 200, "\(reply.text)")
        return try reply.decode(FullCartCart.self)
    }

    func addLine(_ domain: String, sku: String, quantity: Int = 1, _ session: Session) async throws -> Reply {
        try await send(
            .POST, "/api/v2/domains/\(domain)/cart/line-items",
            json: #"{"add_to_cart_ref":{"variant_id":"\#(sku)"},"quantity":\#(quantity)}"#, token: session.token)
    }

    @discardableResult
    func addLineOK(_ domain: String, sku: String, quantity: Int = 1, _ session: Session) async throws -> FullCartCart {
        let reply = try await addLine(domain, sku: sku, quantity: quantity, session)
        try #require(reply.status == 200, "\(reply.text)")
        return try reply.decode(FullCartCart.self)
    }

    static func addressJSON(state: String = "CA", country: String = "US", postalCode: String = "94105") -> String {
        """
        {"first_name":"Ada","last_name":"Lovelace","email":"ada@example.com","phone":"2065551212",
         "address1":"1 Market St","city":"San Francisco","state_or_province":"\(state)",
         "postal_code":"\(postalCode)","country":"\(country)"}
        """
    }

    func setShippingInfo(_ domain: String, state: String = "CA", _ session: Session) async throws -> Reply {
        try await send(
            .POST, "/api/v2/domains/\(domain)/cart/shipping-info", json: Self.addressJSON(state: state),
            token: session.token)
    }

    @discardableResult
    func setShippingInfoOK(_ domain: String, state: String = "CA", _ session: Session) async throws -> FullCartCart {
        let reply = try await setShippingInfo(domain, state: state, session)
        try #require(reply.status == 200, "\(reply.text)")
        return try reply.decode(FullCartCart.self)
    }

    func post(_ domain: String, _ path: String, json: String, _ session: Session) async throws -> Reply {
        try await send(.POST, "/api/v2/domains/\(domain)/cart/\(path)", json: json, token: session.token)
    }

    /// The payment host's current key, as a client fetches it.
    func paymentKey() async throws -> RSAPublicJWK {
        let reply = try await send(.GET, "/api/v1/payment/key")
        try #require(reply.status == 200)
        return try RSAPublicJWK(jsonData: reply.body)
    }

    static func encryptedCard(
        _ number: String, cvv: String = "123", month: String = "08", year: String = "2031", to key: RSAPublicJWK
    ) throws -> String {
        let card =
            #"{"number":"\#(number)","name":"Ada Lovelace","verification_value":"\#(cvv)","#
            + #""month":"\#(month)","year":"\#(year)"}"#
        return try JWE.encrypt(plaintext: Array(card.utf8), to: key)
    }

    func completeOrder(
        _ domain: String, encryptedCard: String, billing: String = SimulatorHarness.addressJSON(), _ session: Session,
        version: String = "v2"
    ) async throws -> Reply {
        try await send(
            .POST, "/api/\(version)/payment/domains/\(domain)/complete-order",
            json: #"{"encrypted_card":"\#(encryptedCard)","billing_info":\#(billing)}"#, token: session.token)
    }

    func completeOrder(_ domain: String, card number: String, cvv: String = "123", _ session: Session) async throws
        -> Reply
    {
        try await completeOrder(
            domain, encryptedCard: try Self.encryptedCard(number, cvv: cvv, to: try await paymentKey()), session)
    }

    /// A session whose apparel cart holds one tee and has a California address: ready to complete.
    func readyApparelCart() async throws -> Session {
        let session = try await newSession()
        try await addLineOK("apparel.example", sku: "WS12-M-Blue", session)
        try await setShippingInfoOK("apparel.example", session)
        return session
    }

    func ledger() async throws -> [[String: Any]] {
        let reply = try await send(.GET, "/_simulator/orders")
        return try #require(try reply.json()["orders"] as? [[String: Any]])
    }
}
