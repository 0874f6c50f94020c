import BridgeStore
import Foundation
import Testing

@Suite("Cards")
struct CardStoreTests {
    let now = date(1_750_000_000)

    @Test(arguments: StoreFactory.all)
    func storedCardReadsBackUntilItExpires(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let card = storedCard(cartID: "cart_1", expiresAt: now.addingTimeInterval(60))
            try await store.putCard(card)

            #expect(try await store.card(cartID: "cart_1", now: now) == card)
            #expect(try await store.card(cartID: "cart_1", now: card.expiresAt.addingTimeInterval(-0.001)) == card)
            #expect(try await store.card(cartID: "cart_1", now: card.expiresAt) == nil)
            #expect(try await store.card(cartID: "cart_other", now: now) == nil)
        }
    }

    @Test(arguments: StoreFactory.all)
    func puttingACardAgainReplacesIt(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            try await store.putCard(storedCard(cartID: "cart_1", jwe: "first", expiresAt: now.addingTimeInterval(60)))
            let replacement = storedCard(cartID: "cart_1", jwe: "second", expiresAt: now.addingTimeInterval(120))
            try await store.putCard(replacement)

            #expect(try await store.card(cartID: "cart_1", now: now) == replacement)
            #expect(try await store.deleteExpiredCards(now: now.addingTimeInterval(1_000)) == 1)
        }
    }

    @Test(arguments: StoreFactory.all)
    func deleteExpiredRemovesOnlyExpiredCards(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            try await store.putCard(storedCard(cartID: "cart_expired", expiresAt: now.addingTimeInterval(-1)))
            try await store.putCard(storedCard(cartID: "cart_expiring_now", expiresAt: now))
            let live = storedCard(cartID: "cart_live", expiresAt: now.addingTimeInterval(1))
            try await store.putCard(live)

            #expect(try await store.deleteExpiredCards(now: now) == 2)
            #expect(try await store.deleteExpiredCards(now: now) == 0)
            #expect(try await store.card(cartID: "cart_live", now: now) == live)
            #expect(try await store.card(cartID: "cart_expired", now: now.addingTimeInterval(-10)) == nil)
        }
    }

    @Test(arguments: StoreFactory.all)
    func deleteCardRemovesItAndIgnoresMissingCards(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            try await store.putCard(storedCard(cartID: "cart_1", expiresAt: now.addingTimeInterval(60)))
            try await store.putCard(storedCard(cartID: "cart_2", expiresAt: now.addingTimeInterval(60)))

            try await store.deleteCard(cartID: "cart_1")
            try await store.deleteCard(cartID: "cart_1")

            #expect(try await store.card(cartID: "cart_1", now: now) == nil)
            #expect(try await store.card(cartID: "cart_2", now: now) != nil)
        }
    }

    @Test func printingACardNeverShowsTheJWE() {
        let jwe = "eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMjU2R0NNIn0.secret.parts.of.token"
        let card = storedCard(cartID: "cart_1", jwe: jwe, expiresAt: now)
        var dumped = ""
        dump(card, to: &dumped)

        for text in ["\(card)", String(reflecting: card), dumped] {
            #expect(!text.contains("secret"))
            #expect(text.contains("cart_1"))
        }
    }
}
