import BridgeStoreDatabases
import AsyncHTTPClient
import Bridge
import BridgeStore
import CardCrypto
import Foundation
import FullCartAPI
import FullCartSimulator
import Logging
import MedusaAPI
import MedusaV1
import NIOHTTP1
import Testing

/// What every test process shares: RSA keys (slow to generate), the repo's mapping tables and the regions.
enum Shared {
    /// The simulator's payment key, so a simulator starts without generating one.
    static let simulatorKey: CardKeyPair = try! CardKeyPair.generate()
    /// CartBridge's own card key.
    static let bridgeKeys: CardKeyStore = try! CardKeyStore(keyPairs: [CardKeyPair.generate()])

    /// `<repo>/mappings`, found from this file (`<repo>/Tests/CheckoutTests/CheckoutHarness.swift`).
    static let mappingsDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("mappings")
    static let tables: MappingTables = try! MappingTables.load(directory: mappingsDirectory)
    static let errorCodes: ErrorCodeTable = try! ErrorCodeTable.load(directory: mappingsDirectory)
    static let regions: [MedusaAPI.Region] = try! RegionCatalog.regions(
        [.unitedStates], mappingsDirectory: mappingsDirectory, now: Date())

    static let appID = "6f1f2c3e-3a43-4d5b-9f5e-1d2a3b4c5d6e"
    static let domains = ["apparel.example", "home.example"]
    static let providerID = "cartbridge"
    static let quietLogger = Logger(label: "test.checkout") { _ in SwiftLogNoOpLogHandler() }
}

/// Test cards and the shopper.
enum Cards {
    static let good = "4111111111111111"
    static let mastercard = "5555555555554444"
    static let declined = "4000000000000002"
    static let failsLuhn = "4111111111111112"
    static let cvv = "947"

    static func json(number: String, cvv: String = Cards.cvv, month: String = "08", year: String = "2031") -> Data {
        Data(
            #"{"number":"\#(number)","name":"Ada Lovelace","verification_value":"\#(cvv)","month":"\#(month)","year":"\#(year)"}"#
                .utf8)
    }
}

/// A simulator on a real loopback port, and a `CheckoutService` buying from it over real HTTP with a fresh
/// in-memory SQLite store. One per test: tests stay independent and each ledger starts empty.
struct CheckoutHarness: Sendable {
    /// The Medusa v1 Store API over the core, as the HTTP routes call it.
    let service: MedusaV1Storefront
    let idempotency: IdempotencyLedger
    let simulatorURL: String
    let http: HTTPClient

    /// `snapshotMaxAge` and `now` reach the service as configuration and clock (cart-read freshness tests);
    /// `faultHook` sees the completion's recovery points.
    static func run(
        snapshotMaxAge: Duration = .zero, now: @escaping @Sendable () -> Date = Date.init,
        requestTimeout: Duration = .seconds(5), lockWaits: LockWaits = LockWaits(), declinedCompletionsPerHour: Int = 5,
        faultHook: @escaping @Sendable (String) -> Void = { _ in },
        _ body: (CheckoutHarness) async throws -> Void
    ) async throws {
        let http = FullCartHTTPClient.make()
        let logger = Shared.quietLogger
        let configuration = SimulatorConfiguration(port: 0, paymentKey: Shared.simulatorKey)
        do {
            try await FullCartSimulator.withRunning(configuration: configuration, logger: logger) { url in
                let base = url.absoluteString
                let directory = MerchantDirectory(
                    Shared.domains.map { domain in
                        FullCartClient(
                            merchant: FullCartMerchant(
                                domain: domain, apiBaseURL: base, paymentBaseURL: base, appID: Shared.appID,
                                timeouts: FullCartTimeouts(request: requestTimeout, completeOrder: .seconds(5))),
                            http: http,
                            configuration: FullCartClientConfiguration(
                                retry: FullCartRetryPolicy(
                                    maxAttempts: 3, baseDelay: .milliseconds(5), maxDelay: .milliseconds(20))),
                            logger: logger)
                    })
                let store = try await BridgeStores.open(url: "sqlite::memory:", logger: logger)
                let catalog = CatalogService(
                    merchants: directory, ttl: .seconds(600), logger: logger)
                let core = CheckoutService(
                    settings: CheckoutSettings(
                        regions: Shared.regions.map(SalesRegion.init), paymentProviderID: Shared.providerID,
                        cardTTL: .seconds(3600),
                        snapshotMaxAge: snapshotMaxAge, lockWaits: lockWaits,
                        declinedCompletionsPerHour: declinedCompletionsPerHour),
                    store: store, merchants: directory, catalog: catalog, keys: CardKeyring(fixed: Shared.bridgeKeys),
                    tables: Shared.tables, logger: logger, now: now, faultHook: faultHook)
                do {
                    try await body(
                        CheckoutHarness(
                            service: MedusaV1Storefront(core: core, regions: Shared.regions, errors: Shared.errorCodes),
                            idempotency: IdempotencyLedger(store: store, logger: logger),
                            simulatorURL: base, http: http))
                } catch {
                    try? await store.close()
                    throw error
                }
                try await store.close()
            }
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }

    // MARK: Catalog and carts

    func variantID(handle: String, sku: String) async throws -> String {
        let (products, count) = try await service.products(ProductQuery(handle: handle))
        #expect(count == 1, "product \(handle) is listed once")
        let product = try #require(products.first)
        let variant = try #require(product.variants.first { $0.sku == sku }, "\(sku) is a variant of \(handle)")
        return variant.id
    }

    /// A new cart with `items` (handle, sku, quantity) added through `addLineItem`.
    func newCart(_ items: [(handle: String, sku: String, quantity: Int)] = [("radiant-tee", "WS12-XS-Orange", 1)])
        async throws -> Cart
    {
        var cart = try await service.createCart(StorePostCartReq(), client: ClientInfo(ip: "127.0.0.1", userAgent: "tests"))
        for item in items {
            let variantID = try await variantID(handle: item.handle, sku: item.sku)
            cart = try await service.addLineItem(
                cartID: cart.id, StorePostCartsCartLineItemsReq(variantID: variantID, quantity: item.quantity))
        }
        return cart
    }

    static func address(
        phone: String? = "2065551212", province: String = "WA", city: String = "Seattle", postalCode: String = "98101"
    ) -> AddressPayload {
        AddressPayload(
            firstName: .set("Ada"), lastName: .set("Lovelace"), phone: phone.map { .set($0) },
            address1: .set("1 Analytical Way"), city: .set(city), countryCode: .set("us"), province: .set(province),
            postalCode: .set(postalCode))
    }

    @discardableResult
    func setContact(_ cartID: String, address: AddressPayload = CheckoutHarness.address(), email: String = "ada@example.com")
        async throws -> Cart
    {
        try await service.updateCart(
            id: cartID, StorePostCartsCartReq(email: email, shippingAddress: .set(.payload(address))))
    }

    /// The cart's shipping options grouped by profile, cheapest first.
    func optionsByProfile(_ cartID: String) async throws -> [String: [PricedShippingOption]] {
        let options = try await service.shippingOptions(cartID: cartID)
        return Dictionary(grouping: options, by: { $0.profileID }).mapValues { group in
            group.sorted { ($0.amount ?? 0) < ($1.amount ?? 0) }
        }
    }

    /// Chooses the cheapest option of every profile.
    @discardableResult
    func chooseCheapestShipping(_ cartID: String) async throws -> Cart {
        var cart = try await service.cart(id: cartID)
        for (_, options) in try await optionsByProfile(cartID) {
            let cheapest = try #require(options.first)
            cart = try await service.addShippingMethod(
                cartID: cartID, StorePostCartsCartShippingMethodReq(optionID: cheapest.id))
        }
        return cart
    }

    // MARK: Payment

    /// What a storefront's browser does: encrypt the card to the key the payment session publishes.
    func encryptCard(_ cart: Cart, number: String, cvv: String = Cards.cvv) throws -> String {
        let session = try #require(cart.paymentSession, "the cart has a payment session")
        let publicKey = try #require(session.data["public_key"])
        let jwk = try RSAPublicJWK(jsonData: try JSONEncoder().encode(publicKey))
        #expect(jwk == Shared.bridgeKeys.current.publicJWK, "the session publishes our current key")
        return try JWE.encrypt(plaintext: Cards.json(number: number, cvv: cvv), to: jwk)
    }

    @discardableResult
    func pay(_ cartID: String, number: String = Cards.good) async throws -> Cart {
        let cart = try await service.createPaymentSessions(cartID: cartID)
        let jwe = try encryptCard(cart, number: number)
        return try await service.updatePaymentSession(
            cartID: cartID, providerID: Shared.providerID,
            StorePostCartsCartPaymentSessionUpdateReq(data: ["encrypted_card": .string(jwe)]))
    }

    /// A cart ready to complete: items, email, address, a method per profile, a card.
    func readyCart(
        _ items: [(handle: String, sku: String, quantity: Int)] = [("radiant-tee", "WS12-XS-Orange", 1)],
        address: AddressPayload = CheckoutHarness.address(), card: String = Cards.good
    ) async throws -> Cart {
        let cart = try await newCart(items)
        try await setContact(cart.id, address: address)
        try await chooseCheapestShipping(cart.id)
        return try await pay(cart.id, number: card)
    }

    func complete(_ cartID: String, key: String = UUID().uuidString) async throws(MedusaError) -> StoreCompleteCartRes {
        try await service.complete(cartID: cartID)
    }

    func completeOrder(_ cartID: String) async throws -> Order {
        guard case .order(let order) = try await complete(cartID) else {
            Issue.record("completion did not return an order")
            throw HarnessError.notAnOrder
        }
        return order
    }

    // MARK: Simulator controls

    @discardableResult
    func control(_ method: HTTPMethod, _ path: String, _ json: String? = nil) async throws -> Data {
        var request = HTTPClientRequest(url: simulatorURL + "/_simulator/" + path)
        request.method = method
        if let json {
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(Array(json.utf8))
        }
        let response = try await http.execute(request, timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 1 << 20)
        guard response.status == .ok else { throw HarnessError.control(path, Int(response.status.code)) }
        return Data(body.readableBytesView)
    }

    func setFaults(_ json: String) async throws { try await control(.PUT, "faults", json) }

    /// How many calls the simulator's merchants received per endpoint (`payment/key`, `cart/line-items`, …).
    func merchantCalls() async throws -> [String: Int] {
        try JSONDecoder().decode([String: Int].self, from: try await control(.GET, "calls"))
    }

    /// Waits (polling, with a deadline) until the merchants received `count` calls to `endpoint`.
    func waitForMerchantCalls(_ endpoint: String, atLeast count: Int, within deadline: Duration = .seconds(10))
        async throws
    {
        let end = ContinuousClock.now + deadline
        while try await merchantCalls()[endpoint, default: 0] < count {
            guard ContinuousClock.now < end else { throw HarnessError.control("calls \(endpoint)", 0) }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// The merchant order numbers in the simulator's ledger.
    func ledger() async throws -> [String] {
        try JSONDecoder().decode(Ledger.self, from: try await control(.GET, "orders")).orders.map(\.orderNumber)
    }

    private struct Ledger: Decodable {
        struct Entry: Decodable {
            let orderNumber: String
            enum CodingKeys: String, CodingKey { case orderNumber = "order_number" }
        }
        let orders: [Entry]
    }

    enum HarnessError: Error { case control(String, Int), notAnOrder }
}

/// The `MedusaError` `body` throws (a core error as the Medusa adapter answers it), or nil when it succeeds.
func medusaError<T>(_ body: () async throws -> T) async -> MedusaError? {
    do {
        _ = try await body()
        return nil
    } catch let error as MedusaError {
        return error
    } catch let error as CheckoutError {
        return MedusaErrorMapping.medusaError(for: error, table: Shared.errorCodes)
    } catch {
        Issue.record("expected a MedusaError, got \(error)")
        return nil
    }
}

extension Cart {
    var discountCodes: [String] { discounts.map(\.code) }
    var cardData: JSONValue? { paymentSession?.data["card"] }
}

func encoded(_ value: some Encodable) throws -> String {
    String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
}
