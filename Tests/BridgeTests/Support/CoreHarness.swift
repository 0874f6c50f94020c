@testable import MedusaV1
import Bridge
import BridgeStore
import BridgeStoreDatabases
import CardCrypto
import Foundation
import FullCartAPI
import Logging
import MedusaAPI

/// A clock the test moves by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    var now: Date { lock.withLock { current } }
    func advance(by seconds: TimeInterval) { lock.withLock { current.addTimeInterval(seconds) } }
}

/// The checkout core over scripted merchants and an in-memory SQLite store: no network, so every completion
/// branch is a fast test. Carts are written to the store ready to complete, as the storefront flow leaves them.
struct CoreHarness: Sendable {
    static let ourKeys: CardKeyStore = try! CardKeyStore(keyPairs: [CardKeyPair.generate()])
    static let merchantKey: CardKeyPair = try! CardKeyPair.generate()
    static let rotatedMerchantKey: CardKeyPair = try! CardKeyPair.generate()
    static let providerID = "cartbridge-card"

    static let logger = Logger(label: "test.core") { _ in SwiftLogNoOpLogHandler() }

    let service: CheckoutService
    /// The Medusa v1 Store API over `service`, for what a storefront sees.
    let storefront: MedusaV1Storefront
    let idempotency: IdempotencyLedger
    let store: any BridgeStore
    let clock: ManualClock

    /// The core over `store` (the caller opens and closes it). `snapshotMaxAge` above zero lets reads answer
    /// from stored snapshots without asking the merchants.
    init(
        merchants: [ScriptedMerchant], store: any BridgeStore, regions: [Region] = [Fixture.region],
        providerID: String = providerID, keys: CardKeyStore = ourKeys, now start: Date = Fixture.now,
        snapshotMaxAge: Duration = .zero
    ) throws {
        let tables = try RepositoryMappings.load()
        let directory = MerchantDirectory(merchants)
        let clock = ManualClock(start)
        service = CheckoutService(
            settings: CheckoutSettings(
                regions: regions.map(SalesRegion.init), paymentProviderID: providerID, cardTTL: .seconds(3600),
                snapshotMaxAge: snapshotMaxAge),
            store: store, merchants: directory,
            catalog: CatalogService(
                merchants: directory, ttl: .seconds(600), navigation: tables.catalogNavigation, logger: Self.logger),
            keys: CardKeyring(fixed: keys), tables: tables, logger: Self.logger, now: { clock.now })
        storefront = MedusaV1Storefront(core: service, regions: regions, errors: try RepositoryMappings.errorCodes())
        idempotency = IdempotencyLedger(store: store, logger: Self.logger, now: { clock.now })
        self.store = store
        self.clock = clock
    }

    /// The core over `merchants` and a fresh in-memory SQLite store.
    static func run(_ merchants: [ScriptedMerchant], _ body: (CoreHarness) async throws -> Void) async throws {
        let store = try await BridgeStores.open(url: "sqlite::memory:", logger: logger)
        do {
            try await body(try CoreHarness(merchants: merchants, store: store))
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }

    /// A one-line merchant cart with one shipment, active.
    static func merchantCart(_ domain: String, sku: String = "SKU-1", unit: Int = 2500) -> FullCartCart {
        Fixture.merchantCart(
            id: "fc_\(domain)", name: domain, lines: [Fixture.line("li_1", sku: sku, title: "Tee", unit: unit)],
            shipments: [Fixture.shipment("ship_1", lines: ["li_1"], options: [Fixture.method("ground", 500)], selected: "ground")],
            tax: 200)
    }

    /// Stores a cart whose merchants hold the scripted merchants' carts, with shipping chosen and `card` added
    /// (encrypted to our key, as the storefront sends it). Returns its id.
    /// `prepare` sets the storefront's side of the cart; by default it chooses every shipment's method.
    func readyCart(
        _ merchants: [ScriptedMerchant], card number: String = "4111111111111111",
        prepare: (inout BridgeCart) -> Void = Fixture.chooseMerchantMethods
    ) async throws -> String {
        var cart = Fixture.bridgeCart(merchants.map { ($0.merchant.domain, $0.currentCart) })
        cart.id = "cart_\(UUID().uuidString.prefix(8))"
        prepare(&cart)
        var payment = PaymentState(sessionID: "ps_1", providerID: Self.providerID, isSelected: true, now: Fixture.now)
        payment.card = MaskedCard(brand: "visa", lastFour: String(number.suffix(4)), expMonth: 8, expYear: 2031, kid: "k")
        cart.payment = payment
        try await store.insertCart(
            CartRecord(id: cart.id, body: try CartDocument.encode(cart), createdAt: Fixture.now, updatedAt: Fixture.now))
        try await addCard(number, to: cart.id)
        return cart.id
    }

    /// A card as the storefront sends it: Full Cart's card object, encrypted to our current key.
    static func encryptedCard(_ number: String) throws -> String {
        let json = #"{"number":"\#(number)","name":"Ada Lovelace","verification_value":"947","month":"08","year":"2031"}"#
        let ours = ourKeys.current
        return try JWE.encrypt(plaintext: Data(json.utf8), to: ours.publicJWK, kid: ours.kid)
    }

    func addCard(_ number: String, to cartID: String) async throws {
        let ours = Self.ourKeys.current
        let jwe = try Self.encryptedCard(number)
        try await store.putCard(
            StoredCard(
                cartID: cartID, sessionID: "ps_1", jwe: jwe, kid: ours.kid,
                expiresAt: clock.now.addingTimeInterval(3600), createdAt: clock.now))
    }

    /// Which merchant key a JWE the merchant received was encrypted to, and the card number inside.
    static func opened(_ jwe: String) throws -> (kid: String, number: String) {
        let keys = try CardKeyStore(keyPairs: [merchantKey, rotatedMerchantKey])
        let opened = try keys.decryptCard(jwe, now: Fixture.now)
        return (opened.kid, opened.card.number)
    }
}
