@testable import MedusaV1
import Bridge
import BridgeStore
import BridgeStoreDatabases
import CardCrypto
import Foundation
import FullCartAPI
import MedusaAPI
import StoreTestSupport
import Testing

/// A database written by the release before stored carts were versioned (revision f7090e3, made by
/// `scripts/make-store-fixture.py` and kept as SQL text: carts in every state, a placed order, idempotency
/// records) is read and completed by this build, on SQLite as written and on PostgreSQL with the same rows
/// copied in.
@Suite struct StoreFixtureTests {
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    static let backends: [Backend] = PostgresTestDatabase.adminURL == nil ? [.sqlite] : [.sqlite, .postgres]

    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/store-v1")

    struct Manifest: Decodable {
        struct Cart: Decodable {
            var id: String
            var total: Int?
            var orderID: String?
            var displayID: Int?
            var externalID: String?
            var idempotencyKey: String?

            enum CodingKeys: String, CodingKey {
                case id, total
                case orderID = "order_id", displayID = "display_id", externalID = "external_id"
                case idempotencyKey = "idempotency_key"
            }
        }

        var madeAtMs: Int64
        var carts: [String: Cart]

        enum CodingKeys: String, CodingKey {
            case madeAtMs = "made_at_ms", carts
        }

        var madeAt: Date { Date(timeIntervalSince1970: Double(madeAtMs) / 1000) }
    }

    static let manifest: Manifest = {
        try! JSONDecoder().decode(Manifest.self, from: Data(contentsOf: folder.appendingPathComponent("manifest.json")))
    }()

    static let regions: [Region] = try! RegionCatalog.regions(
        [.unitedStates], mappingsDirectory: RepositoryMappings.directory, now: manifest.madeAt)

    static func cart(_ state: String) -> Manifest.Cart { manifest.carts[state]! }

    // MARK: Reading

    @Test(arguments: backends)
    func everyCartReadsAsItWasLeft(_ backend: Backend) async throws {
        try await Self.withFixture(backend) { store in
            let core = try Self.core(store, merchants: [], snapshotMaxAge: .seconds(365 * 86400))
            for (state, entry) in Self.manifest.carts.sorted(by: { $0.key < $1.key }) {
                let cart = try await core.storefront.cart(id: entry.id)
                if let total = entry.total, state != "completed" {
                    #expect(cart.total == total, "\(state) total")
                }
                #expect((cart.completedAt != nil) == (state == "completed"), "\(state) completion")
            }
        }
    }

    @Test(arguments: backends)
    func theOrderAndItsIdempotentResponseAreKept(_ backend: Backend) async throws {
        try await Self.withFixture(backend) { store in
            let core = try Self.core(store, merchants: [], snapshotMaxAge: .seconds(365 * 86400))
            let completed = Self.cart("completed")
            let order = try await core.storefront.order(id: try #require(completed.orderID))
            #expect(order.displayID == completed.displayID)
            #expect(order.externalID == completed.externalID)
            #expect(order.total == completed.total)
            #expect(order.items.count == 1)
            guard case .order(let again) = try await core.storefront.complete(cartID: completed.id) else {
                Issue.record("a completed cart answers its order")
                return
            }
            #expect(again.id == order.id)

            let reply = try await core.idempotency.run(
                IdempotentRequest(
                    key: try #require(completed.idempotencyKey), cartID: completed.id, route: "complete",
                    requestBody: Data())
            ) {
                Issue.record("a finished key must replay, not run")
                throw CancellationError()
            }
            #expect(reply.isReplay)
            #expect(String(decoding: reply.response.body, as: UTF8.self).contains(order.id))
        }
    }

    // MARK: Completing

    @Test(arguments: backends)
    func aCartReadyToCompleteIsPlaced(_ backend: Backend) async throws {
        try await Self.withFixture(backend) { store in
            let ready = Self.cart("ready_to_complete")
            let merchants = try await Self.merchants(for: ready.id, in: store)
            let core = try Self.core(store, merchants: merchants)
            guard case .order(let order) = try await core.storefront.complete(cartID: ready.id) else {
                Issue.record("expected an order")
                return
            }
            #expect(order.total == ready.total)
            #expect(order.discounts.map(\.code) == ["SAVE10"])
            let merchant = try #require(merchants.first)
            #expect(merchant.count("completeOrder") == 1)
            #expect(try CoreHarness.opened(try #require(merchant.receivedCards.first)).number == "4111111111111111")

            // Saved again, the cart is a version-2 document holding the placed merchant cart once.
            let body = try #require(try await store.cart(id: ready.id)).body
            let document = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
            #expect(document["schemaVersion"] as? Int == 2)
            let stored = try #require((document["merchants"] as? [[String: Any]])?.first)
            #expect((stored["placedOrder"] as? [String: Any])?["cart"] == nil)
            #expect(stored["snapshot"] != nil)
        }
    }

    @Test(arguments: backends)
    func aTwoMerchantCartIsPlacedAtBoth(_ backend: Backend) async throws {
        try await Self.withFixture(backend) { store in
            let ready = Self.cart("two_merchants_ready")
            let merchants = try await Self.merchants(for: ready.id, in: store)
            #expect(merchants.count == 2)
            let core = try Self.core(store, merchants: merchants)
            guard case .order(let order) = try await core.storefront.complete(cartID: ready.id) else {
                Issue.record("expected an order")
                return
            }
            #expect(order.total == ready.total)
            #expect(merchants.allSatisfy { $0.count("completeOrder") == 1 })
        }
    }

    // MARK: Support

    static func core(_ store: any BridgeStore, merchants: [ScriptedMerchant], snapshotMaxAge: Duration = .zero) throws
        -> CoreHarness
    {
        try CoreHarness(
            merchants: merchants, store: store, regions: regions, providerID: "cartbridge",
            now: manifest.madeAt.addingTimeInterval(60), snapshotMaxAge: snapshotMaxAge)
    }

    /// One scripted merchant per merchant of the stored cart, holding the cart CartBridge last saw there.
    static func merchants(for cartID: String, in store: any BridgeStore) async throws -> [ScriptedMerchant] {
        let record = try #require(try await store.cart(id: cartID))
        let cart = try CartDocument.decode(record.body).cart
        return try cart.merchants.map { merchant in
            ScriptedMerchant(
                domain: merchant.domain, cart: try #require(merchant.snapshot), key: CoreHarness.merchantKey)
        }
    }

    /// The fixture database, rebuilt from its SQL text into a scratch file, as a store of `backend`, with the
    /// cards put back (see `addCards`).
    static func withFixture(_ backend: Backend, _ body: (any BridgeStore) async throws -> Void) async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = scratch.appendingPathComponent("cartbridge.sqlite")
        try SQLiteFixture.restore(folder.appendingPathComponent("cartbridge.sql"), to: file)
        try await BridgeStores.withStore(url: "sqlite:\(file.path)", logger: CoreHarness.logger) { sqlite in
            switch backend {
            case .sqlite:
                try await addCards(to: sqlite)
                try await body(sqlite)
            case .postgres:
                let database = try await PostgresTestDatabase.create(adminURL: try #require(PostgresTestDatabase.adminURL))
                do {
                    try await BridgeStores.withStore(url: database.url, logger: CoreHarness.logger) { postgres in
                        try await copyRecords(from: sqlite, to: postgres)
                        try await addCards(to: postgres)
                        try await body(postgres)
                    }
                } catch {
                    try? await database.drop()
                    throw error
                }
                try await database.drop()
            }
        }
    }

    /// The fixture keeps no card rows and no private key (the rows were JWEs for a key that is not kept; their
    /// table's format did not change). Every open cart whose stored payment session shows a card gets a test card
    /// again, encrypted to the test's key, as the storefront sent it.
    static func addCards(to store: any BridgeStore) async throws {
        let now = manifest.madeAt
        let key = CoreHarness.ourKeys.current
        let json = #"{"number":"4111111111111111","name":"Ada Lovelace","verification_value":"947","month":"08","year":"2031"}"#
        for entry in manifest.carts.values {
            let cart = try CartDocument.decode(try #require(try await store.cart(id: entry.id)).body).cart
            guard cart.completedAt == nil, let payment = cart.payment, payment.card != nil else { continue }
            try await store.putCard(
                StoredCard(
                    cartID: cart.id, sessionID: payment.sessionID,
                    jwe: try JWE.encrypt(plaintext: Data(json.utf8), to: key.publicJWK, kid: key.kid), kid: key.kid,
                    expiresAt: now.addingTimeInterval(3600), createdAt: now))
        }
    }

    /// Every record the manifest names, as stored (bodies byte for byte), through the store protocol.
    static func copyRecords(from source: any BridgeStore, to target: any BridgeStore) async throws {
        for entry in manifest.carts.values {
            try await target.insertCart(try #require(try await source.cart(id: entry.id)))
            if let orderID = entry.orderID {
                let order = try #require(try await source.order(id: orderID))
                _ = try await target.insertOrder(
                    NewOrder(
                        id: order.id, cartID: order.cartID, email: order.email, customerID: order.customerID,
                        body: order.body, createdAt: order.createdAt))
            }
            if let key = entry.idempotencyKey, let record = try await source.idempotencyRecord(key: key) {
                _ = try await target.insertIdempotencyRecord(record)
            }
        }
    }
}
