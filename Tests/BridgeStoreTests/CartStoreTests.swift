import BridgeStore
import Foundation
import Testing

@Suite("Carts")
struct CartStoreTests {
    @Test(arguments: StoreFactory.all)
    func insertedCartReadsBackEqual(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            var record = cartRecord()
            record.completedAt = date(1_750_000_100.5)
            try await store.insertCart(record)

            #expect(try await store.cart(id: record.id) == record)
            #expect(try await store.cart(id: "cart_missing") == nil)
        }
    }

    @Test(arguments: StoreFactory.all)
    func insertingAnExistingIDIsADuplicate(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let record = cartRecord()
            try await store.insertCart(record)

            let error = await #expect(throws: StoreError.self) {
                try await store.insertCart(cartRecord(record.id, body: #"{"other":true}"#))
            }
            #expect(error?.kind == .duplicate)
            #expect(try await store.cart(id: record.id) == record)
        }
    }

    @Test(arguments: StoreFactory.all)
    func updateBumpsTheVersionAndKeepsCreatedAt(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let record = cartRecord()
            try await store.insertCart(record)

            var change = record
            change.body = Data(#"{"items":[1]}"#.utf8)
            change.updatedAt = date(1_750_000_200.25)
            change.completedAt = date(1_750_000_300)
            change.createdAt = date(1)  // ignored: createdAt never changes
            let updated = try await store.updateCart(change)

            #expect(updated.version == record.version + 1)
            #expect(updated.body == change.body)
            #expect(updated.updatedAt == change.updatedAt)
            #expect(updated.completedAt == change.completedAt)
            #expect(updated.createdAt == record.createdAt)
            #expect(try await store.cart(id: record.id) == updated)
        }
    }

    @Test(arguments: StoreFactory.all)
    func updateFromAStaleVersionIsAConflict(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let record = cartRecord()
            try await store.insertCart(record)
            let current = try await store.updateCart(record)

            let error = await #expect(throws: StoreError.self) { _ = try await store.updateCart(record) }
            #expect(error?.kind == .conflict)
            #expect(try await store.cart(id: record.id) == current)
        }
    }

    @Test(arguments: StoreFactory.all)
    func updatingAMissingCartIsNotFound(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let error = await #expect(throws: StoreError.self) { _ = try await store.updateCart(cartRecord()) }
            #expect(error?.kind == .notFound)
        }
    }

    @Test(arguments: StoreFactory.all)
    func concurrentUpdatesFromOneVersionHaveExactlyOneWinner(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let record = cartRecord()
            try await store.insertCart(record)

            let outcomes = try await withThrowingTaskGroup(of: StoreError.Kind?.self) { group in
                for attempt in 0..<10 {
                    var change = record
                    change.body = Data(#"{"attempt":\#(attempt)}"#.utf8)
                    group.addTask {
                        do throws(StoreError) {
                            _ = try await store.updateCart(change)
                            return nil
                        } catch {
                            return error.kind
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            #expect(outcomes.filter { $0 == nil }.count == 1)
            #expect(outcomes.filter { $0 == .conflict }.count == 9)
            #expect(try await store.cart(id: record.id)?.version == record.version + 1)
        }
    }

    @Test(arguments: StoreFactory.all)
    func datesAreKeptToTheMillisecond(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            var record = cartRecord()
            record.createdAt = date(1_750_000_000.123_4)
            record.updatedAt = date(1_750_000_000.123_6)
            try await store.insertCart(record)

            let stored = try #require(try await store.cart(id: record.id))
            #expect(stored.createdAt == date(1_750_000_000.123))
            #expect(stored.updatedAt == date(1_750_000_000.124))
        }
    }

    @Test(arguments: StoreFactory.all)
    func anEmptyBodyReadsBackEmpty(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let record = cartRecord(body: "")
            try await store.insertCart(record)

            #expect(try await store.cart(id: record.id) == record)
        }
    }
}
