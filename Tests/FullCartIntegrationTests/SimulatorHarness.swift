import AsyncHTTPClient
import CardCrypto
import Foundation
import FullCartAPI
import FullCartSimulator
import Logging
import NIOCore
import NIOHTTP1

/// A simulator on a real loopback port, a `FullCartClient` per merchant domain pointing at it, and raw access
/// to the simulator's `/_simulator/` controls.
struct SimulatorHarness: Sendable {
    static let appID = "6f1f2c3e-3a43-4d5b-9f5e-1d2a3b4c5d6e"
    static let apparel = "apparel.example"
    static let home = "home.example"

    let baseURL: String
    let http: HTTPClient

    static func run<T: Sendable>(
        tokenLifetime: Duration = .seconds(3600),
        timeouts: FullCartTimeouts = FullCartTimeouts(request: .seconds(5), completeOrder: .seconds(5)),
        _ body: (SimulatorHarness) async throws -> T
    ) async throws -> T {
        let configuration = SimulatorConfiguration(port: 0, tokenLifetime: tokenLifetime)
        let http = FullCartHTTPClient.make()
        do {
            let result = try await FullCartSimulator.withRunning(
                configuration: configuration, logger: Logger(label: "test.simulator")
            ) { url in
                try await body(SimulatorHarness(baseURL: url.absoluteString, http: http))
            }
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    func client(
        domain: String = SimulatorHarness.apparel, appID: String = SimulatorHarness.appID,
        timeouts: FullCartTimeouts = FullCartTimeouts(request: .seconds(5), completeOrder: .seconds(5)),
        configuration: FullCartClientConfiguration = FullCartClientConfiguration(
            retry: FullCartRetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(5), maxDelay: .milliseconds(20)))
    ) -> FullCartClient {
        FullCartClient(
            merchant: FullCartMerchant(
                domain: domain, apiBaseURL: baseURL, paymentBaseURL: baseURL, appID: appID, timeouts: timeouts),
            http: http, configuration: configuration)
    }

    // MARK: Simulator controls

    @discardableResult
    func control(_ method: HTTPMethod, _ path: String, _ json: String? = nil) async throws -> Data {
        var request = HTTPClientRequest(url: baseURL + "/_simulator/" + path)
        request.method = method
        if let json {
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        let response = try await http.execute(request, timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 1 << 20)
        guard response.status == .ok else { throw HarnessError.control(path, Int(response.status.code)) }
        return Data(body.readableBytesView)
    }

    func setFaults(_ json: String) async throws { try await control(.PUT, "faults", json) }

    func orders() async throws -> [LedgerOrder] {
        try JSONDecoder().decode(Ledger.self, from: try await control(.GET, "orders")).orders
    }

    struct Ledger: Decodable { let orders: [LedgerOrder] }

    struct LedgerOrder: Decodable, Equatable {
        let orderNumber: String
        let domain: String
        let cartID: String
        let card: Card

        struct Card: Decodable, Equatable {
            let brand: String
            let lastFour: String

            enum CodingKeys: String, CodingKey {
                case brand
                case lastFour = "last_four"
            }
        }

        enum CodingKeys: String, CodingKey {
            case orderNumber = "order_number"
            case domain
            case cartID = "cart_id"
            case card
        }
    }

    enum HarnessError: Error { case control(String, Int) }
}

/// A shopper's data the flows share.
enum Shopper {
    static let address = FullCartAddress(
        firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", phone: "2065551212",
        address1: "1 Analytical Way", city: "Seattle", stateOrProvince: "WA", postalCode: "98101", country: "US")

    static func cardJSON(number: String = "4111111111111111", cvv: String = "123") -> Data {
        Data(#"{"number":"\#(number)","name":"Ada Lovelace","verification_value":"\#(cvv)","month":"08","year":"2031"}"#.utf8)
    }

    /// Encrypts a card for the merchant's current key, as a storefront (or CartBridge) would.
    static func encryptedCard(for client: FullCartClient, number: String = "4111111111111111") async throws -> String {
        let key = try await client.paymentKey()
        return try JWE.encrypt(plaintext: cardJSON(number: number), to: key.jwk)
    }
}
