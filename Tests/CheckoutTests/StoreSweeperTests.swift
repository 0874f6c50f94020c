import BridgeStoreDatabases
import Bridge
import BridgeStore
import Foundation
import Testing

/// Abandoned card JWEs and old idempotency records leave the store on the sweeper's schedule.
@Suite("Store sweeper")
struct StoreSweeperTests {
    @Test("a sweep deletes expired cards and records past their TTL, and keeps the rest")
    func sweepDeletesWhatExpired() async throws {
        let store = try await BridgeStores.open(url: "sqlite::memory:", logger: Shared.quietLogger)
        let start = Date(timeIntervalSince1970: 1_750_000_000)
        for (cartID, ttl) in [("cart_abandoned", 60.0), ("cart_waiting", 3600.0)] {
            try await store.putCard(
                StoredCard(
                    cartID: cartID, sessionID: "ps_\(cartID)", jwe: "a.b.c.d.e", kid: "k1",
                    expiresAt: start.addingTimeInterval(ttl), createdAt: start))
        }
        for (key, age) in [("key-old", 90_000.0), ("key-recent", 60.0)] {
            let created = start.addingTimeInterval(120 - age)
            _ = try await store.insertIdempotencyRecord(
                IdempotencyRecord(
                    key: key, cartID: "cart_abandoned", route: "complete", fingerprint: "f", recoveryPoint: "started",
                    createdAt: created, updatedAt: created))
        }
        let sweeper = StoreSweeper(
            store: store, interval: .seconds(60), idempotencyTTL: .seconds(86_400), logger: Shared.quietLogger,
            now: { start.addingTimeInterval(120) })

        #expect(await sweeper.sweep() == StoreSweeper.Sweep(cards: 1, idempotencyRecords: 1))
        let now = start.addingTimeInterval(120)
        #expect(try await store.card(cartID: "cart_abandoned", now: start) == nil)
        #expect(try await store.card(cartID: "cart_waiting", now: now) != nil)
        #expect(try await store.idempotencyRecord(key: "key-old") == nil)
        #expect(try await store.idempotencyRecord(key: "key-recent") != nil)
        #expect(await sweeper.sweep() == StoreSweeper.Sweep(cards: 0, idempotencyRecords: 0))
        try await store.close()
    }
}
