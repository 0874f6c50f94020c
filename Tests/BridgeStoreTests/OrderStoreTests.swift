import BridgeStore
import Foundation
import Testing

@Suite("Orders")
struct OrderStoreTests {
    @Test(arguments: StoreFactory.all)
    func displayIDsCountUpFromOne(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            var displayIDs: [Int] = []
            for cart in ["cart_a", "cart_b", "cart_c"] {
                displayIDs.append(try await store.insertOrder(newOrder(cartID: cart)).displayID)
            }
            #expect(displayIDs == [1, 2, 3])
        }
    }

    @Test(arguments: StoreFactory.all)
    func insertedOrderReadsBackByIDAndCart(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let new = newOrder(cartID: "cart_a")
            let order = try await store.insertOrder(new)

            #expect(order == OrderRecord(id: new.id, displayID: 1, cartID: "cart_a", email: new.email, body: new.body, createdAt: new.createdAt))
            #expect(try await store.order(id: new.id) == order)
            #expect(try await store.order(cartID: "cart_a") == order)
            #expect(try await store.order(id: "order_missing") == nil)
            #expect(try await store.order(cartID: "cart_missing") == nil)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aSecondOrderForTheSameCartReturnsTheFirst(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let first = try await store.insertOrder(newOrder(cartID: "cart_a"))
            let retry = newOrder(cartID: "cart_a", email: "someone.else@example.com")

            #expect(try await store.insertOrder(retry) == first)
            #expect(try await store.order(id: retry.id) == nil)
            #expect(try await store.insertOrder(newOrder(cartID: "cart_b")).displayID == 2)
        }
    }

    @Test(arguments: StoreFactory.all)
    func concurrentOrdersForOneCartMakeOneOrder(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let attempts = (0..<20).map { _ in newOrder(cartID: "cart_a") }
            let orders = try await withThrowingTaskGroup(of: OrderRecord.self) { group in
                for attempt in attempts {
                    group.addTask { try await store.insertOrder(attempt) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            let winner = try #require(orders.first)
            #expect(orders.allSatisfy { $0 == winner })
            #expect(winner.displayID == 1)
            var stored: [OrderRecord] = []
            for attempt in attempts {
                if let order = try await store.order(id: attempt.id) {
                    stored.append(order)
                }
            }
            #expect(stored == [winner])
            #expect(try await store.insertOrder(newOrder(cartID: "cart_b")).displayID == 2)
        }
    }

    @Test(arguments: StoreFactory.all)
    func anOrderIDUsedByAnotherCartIsADuplicate(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let first = try await store.insertOrder(newOrder(cartID: "cart_a", id: "order_1"))

            let error = await #expect(throws: StoreError.self) {
                _ = try await store.insertOrder(newOrder(cartID: "cart_b", id: "order_1"))
            }
            #expect(error?.kind == .duplicate)
            #expect(try await store.order(cartID: "cart_b") == nil)
            #expect(try await store.insertOrder(newOrder(cartID: "cart_c")).displayID == first.displayID + 1)
        }
    }

    @Test(arguments: StoreFactory.all)
    func lookupByDisplayIDNeedsTheEmailInAnyCase(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let order = try await store.insertOrder(newOrder(cartID: "cart_a", email: "Ada.Lovelace@Example.com"))
            let unicode = try await store.insertOrder(newOrder(cartID: "cart_b", email: "ÉMILE@example.com"))
            let anonymous = try await store.insertOrder(newOrder(cartID: "cart_c", email: nil))

            #expect(try await store.order(displayID: order.displayID, email: "ada.lovelace@example.com") == order)
            #expect(try await store.order(displayID: order.displayID, email: "ADA.LOVELACE@EXAMPLE.COM") == order)
            #expect(try await store.order(displayID: unicode.displayID, email: "émile@example.com") == unicode)
            #expect(try await store.order(displayID: order.displayID, email: "eve@example.com") == nil)
            #expect(try await store.order(displayID: unicode.displayID, email: "ada.lovelace@example.com") == nil)
            #expect(try await store.order(displayID: anonymous.displayID, email: "") == nil)
            #expect(try await store.order(displayID: 99, email: "ada.lovelace@example.com") == nil)
        }
    }
}
