import StoreTestSupport
import BridgeStore
import Foundation
import Testing

@Suite("Idempotency records")
struct IdempotencyStoreTests {
    private func record(_ key: String = "key-\(UUID().uuidString)", cartID: String = "cart_1") -> IdempotencyRecord {
        IdempotencyRecord(
            key: key, cartID: cartID, route: "complete", fingerprint: "POST complete", recoveryPoint: "started",
            createdAt: createdAt, updatedAt: createdAt)
    }

    private let response = StoredResponse(
        status: 200, headers: [["Content-Type", "application/json; charset=utf-8"]], body: Data(#"{"type":"order"}"#.utf8))

    @Test(arguments: StoreFactory.all)
    func theFirstInsertWinsAndLaterOnesSeeIt(factory: StoreFactory) async throws {
        try await withStore(factory) { (store) async throws in
            let first = record("key-1")
            #expect(try await store.insertIdempotencyRecord(first) == .inserted)

            var second = record("key-1", cartID: "cart_2")
            second.recoveryPoint = "other"
            #expect(try await store.insertIdempotencyRecord(second) == .existing(first))
            #expect(try await store.idempotencyRecord(key: "key-1") == first)
            #expect(try await store.idempotencyRecord(key: "key-2") == nil)
        }
    }

    @Test(arguments: StoreFactory.all)
    func racingInsertsOfOneKeyHaveExactlyOneWinner(factory: StoreFactory) async throws {
        try await withStore(factory) { (store) async throws in
            let outcomes = try await withThrowingTaskGroup(of: IdempotencyInsertion.self) { group in
                for index in 0..<20 {
                    group.addTask { try await store.insertIdempotencyRecord(record("key-race", cartID: "cart_\(index)")) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .inserted }.count == 1)
            let stored = try #require(try await store.idempotencyRecord(key: "key-race"))
            #expect(outcomes.filter { $0 == .existing(stored) }.count == 19)
        }
    }

    @Test(arguments: StoreFactory.all)
    func theFirstResponseIsKept(factory: StoreFactory) async throws {
        try await withStore(factory) { (store) async throws in
            _ = try await store.insertIdempotencyRecord(record("key-1"))
            let started = try #require(try await store.idempotencyRecord(key: "key-1"))
            #expect(started.recoveryPoint == IdempotencyRecord.started)
            #expect(started.response == nil)

            let finished = try await store.finishIdempotencyRecord(key: "key-1", response: response, now: date(1_750_000_200))
            #expect(finished.response == response)
            #expect(finished.recoveryPoint == "finished")

            var later = response
            later.body = Data("{}".utf8)
            let again = try await store.finishIdempotencyRecord(key: "key-1", response: later, now: date(1_750_000_300))
            #expect(again.response == response)
            #expect(try await store.idempotencyRecord(key: "key-1")?.response?.body == response.body)
        }
    }

    @Test(arguments: StoreFactory.all)
    func unknownKeysAreNotFound(factory: StoreFactory) async throws {
        try await withStore(factory) { (store) async throws in
            let finishError = await #expect(throws: StoreError.self) {
                _ = try await store.finishIdempotencyRecord(key: "missing", response: response, now: createdAt)
            }
            #expect(finishError?.kind == .notFound)
        }
    }

    @Test(arguments: StoreFactory.all)
    func theSweepDeletesOnlyRecordsCreatedBeforeTheCutoff(factory: StoreFactory) async throws {
        try await withStore(factory) { (store) async throws in
            var old = record("key-old")
            old.createdAt = date(1_000)
            var recent = record("key-recent")
            recent.createdAt = date(3_000)
            _ = try await store.insertIdempotencyRecord(old)
            _ = try await store.insertIdempotencyRecord(recent)

            #expect(try await store.deleteIdempotencyRecords(createdBefore: date(2_000)) == 1)
            #expect(try await store.idempotencyRecord(key: "key-old") == nil)
            #expect(try await store.idempotencyRecord(key: "key-recent") != nil)
            #expect(try await store.insertIdempotencyRecord(record("key-old")) == .inserted)
        }
    }
}

@Suite("Idempotency key locks", .timeLimit(.minutes(1)))
struct IdempotencyKeyLockTests {
    @Test(arguments: StoreFactory.all)
    func aHeldKeyIsNotEnteredAndAFreeOneIs(factory: StoreFactory) async throws {
        try await withStore(factory) { (store) async throws in
            let holderEntered = Gate()
            let releaseHolder = Gate()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    _ = try await store.withIdempotencyKeyLock("key-1") {
                        await holderEntered.open()
                        await releaseHolder.wait()
                    }
                }
                await holderEntered.wait()
                #expect(try await store.withIdempotencyKeyLock("key-1") { "entered" } == nil)
                #expect(try await store.withIdempotencyKeyLock("key-2") { "entered" } == "entered")
                await releaseHolder.open()
                try await group.waitForAll()
            }
            #expect(try await store.withIdempotencyKeyLock("key-1") { "entered" } == "entered")
        }
    }

    @Test(arguments: StoreFactory.all)
    func keyLocksAndCartLocksAreApart(factory: StoreFactory) async throws {
        try await withStore(factory) { (store) async throws in
            let result = try await store.withIdempotencyKeyLock("cart_1") {
                try await store.withCartLock("cart_1") { "both held" }
            }
            #expect(result == "both held")
        }
    }

    /// Two instances on one PostgreSQL database: the advisory locks of one keep the other out.
    @Test(.enabled(if: StoreFactory.postgresAdminURL != nil, "set CARTBRIDGE_TEST_POSTGRES_URL"))
    func locksHoldAcrossStoreInstances() async throws {
        let database = try await PostgresTestDatabase.create(adminURL: try #require(StoreFactory.postgresAdminURL))
        let location = StoreLocation(url: database.url) { try? await database.drop() }
        do {
            try await location.withStore { (first) async throws in
                try await location.withStore { (second) async throws in
                    let holderEntered = Gate()
                    let releaseHolder = Gate()
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask {
                            _ = try await first.withIdempotencyKeyLock("key-1") {
                                try await first.withCartLock("cart_1") {
                                    await holderEntered.open()
                                    await releaseHolder.wait()
                                }
                            }
                        }
                        await holderEntered.wait()
                        #expect(try await second.withIdempotencyKeyLock("key-1") { "entered" } == nil)
                        // A bounded wait across instances ends in PostgreSQL's lock_timeout: nil, not entered.
                        let started = ContinuousClock.now
                        #expect(try await second.withCartLock("cart_1", waitingAtMost: .milliseconds(300)) { "in" } == nil)
                        #expect(ContinuousClock.now - started < .seconds(5))
                        group.addTask { try await second.withCartLock("cart_1") {} }
                        // The second instance's cart lock waits in PostgreSQL until the first releases it.
                        try await database.waitForBlockedAdvisoryLocks(1)
                        await releaseHolder.open()
                        try await group.waitForAll()
                    }
                    #expect(try await second.withIdempotencyKeyLock("key-1") { "entered" } == "entered")
                }
            }
        } catch {
            await location.remove()
            throw error
        }
        await location.remove()
    }
}
