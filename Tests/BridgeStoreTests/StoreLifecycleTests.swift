import BridgeStore
import Foundation
import Testing

@Suite("Store life cycle")
struct StoreLifecycleTests {
    @Test(arguments: StoreFactory.all)
    func migratingAgainChangesNothing(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let record = cartRecord()
            try await store.insertCart(record)

            try await store.migrate()
            try await store.migrate()

            #expect(try await store.cart(id: record.id) == record)
        }
    }

    @Test(arguments: StoreFactory.persistent)
    func reopeningKeepsDataAndContinuesDisplayIDs(factory: StoreFactory) async throws {
        let location = try await factory.makeStoreLocation()
        let record = cartRecord()
        do {
            let order = try await location.withStore { first in
                try await first.insertCart(record)
                return try await first.insertOrder(newOrder(cartID: record.id))
            }
            try await location.withStore { (reopened) async throws in
                #expect(try await reopened.cart(id: record.id) == record)
                #expect(try await reopened.order(id: order.id) == order)
                #expect(try await reopened.insertOrder(newOrder(cartID: "cart_next")).displayID == order.displayID + 1)
            }
        } catch {
            await location.remove()
            throw error
        }
        await location.remove()
    }

    @Test(arguments: StoreFactory.all)
    func closedStoresAnswerUnavailable(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            try await store.ping()
            try await store.close()
            try await store.close()

            let pingError = await #expect(throws: StoreError.self) { try await store.ping() }
            #expect(pingError?.kind == .unavailable)
            let readError = await #expect(throws: StoreError.self) { _ = try await store.cart(id: "cart_1") }
            #expect(readError?.kind == .unavailable)
        }
    }

    @Test(arguments: StoreFactory.all)
    func closingWhileBusyLetsWorkInFlightFinish(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
        let record = cartRecord()
        try await store.insertCart(record)

        let failures = try await withThrowingTaskGroup(of: StoreError.Kind?.self) { group in
            for index in 0..<40 {
                group.addTask {
                    if index == 20 {
                        try await store.close()
                        return nil
                    }
                    do throws(StoreError) {
                        _ = try await store.cart(id: record.id)
                        return nil
                    } catch {
                        return error.kind
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }.compactMap { $0 }
        }
        #expect(failures.allSatisfy { $0 == .unavailable })
        }
    }
}
