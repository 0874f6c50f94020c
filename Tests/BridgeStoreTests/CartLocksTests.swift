@testable import BridgeStoreDatabases
import Testing

/// The in-process lock behind the SQLite store's `withCartLock`, with a view of its queue.
@Suite("In-process cart locks", .timeLimit(.minutes(1)))
struct CartLocksTests {
    @Test func waitersEnterInArrivalOrder() async throws {
        let locks = CartLocks()
        let releaseHolder = Gate()
        let entries = EntryLog()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await locks.withLock("cart_1") { await releaseHolder.wait() } }
            try await waitUntil { locks.heldCartCount == 1 }
            for waiter in 0..<5 {
                group.addTask { try await locks.withLock("cart_1") { await entries.append(waiter) } }
                try await waitUntil { locks.waiterCount("cart_1") == waiter + 1 }
            }
            await releaseHolder.open()
            try await group.waitForAll()
        }
        #expect(await entries.values == [0, 1, 2, 3, 4])
    }

    @Test func aCancelledQueuedWaiterLeavesTheQueue() async throws {
        let locks = CartLocks()
        let releaseHolder = Gate()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await locks.withLock("cart_1") { await releaseHolder.wait() } }
            try await waitUntil { locks.heldCartCount == 1 }

            let waiterOutcome = try await withThrowingTaskGroup(of: (any Error)?.self) { waiter in
                waiter.addTask {
                    do {
                        try await locks.withLock("cart_1") {}
                        return nil
                    } catch {
                        return error
                    }
                }
                try await waitUntil { locks.waiterCount("cart_1") == 1 }
                waiter.cancelAll()
                return try await waiter.next() ?? nil
            }
            #expect(waiterOutcome is CancellationError)
            #expect(locks.waiterCount("cart_1") == 0)

            group.addTask { try await locks.withLock("cart_1") {} }
            try await waitUntil { locks.waiterCount("cart_1") == 1 }
            await releaseHolder.open()
            try await group.waitForAll()
        }
        #expect(locks.heldCartCount == 0)
    }

    @Test func idleCartsAreForgotten() async throws {
        let locks = CartLocks()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<100 {
                group.addTask { try await locks.withLock("cart_\(index % 10)") { await Task.yield() } }
            }
            try await group.waitForAll()
        }
        #expect(locks.heldCartCount == 0)
    }

    @Test func anAlreadyCancelledTaskDoesNotEnter() async throws {
        let locks = CartLocks()
        let outcome = await withTaskGroup(of: (any Error)?.self) { group in
            group.cancelAll()
            group.addTask {
                do {
                    try await locks.withLock("cart_1") {}
                    return nil
                } catch {
                    return error
                }
            }
            return await group.next() ?? nil
        }
        #expect(outcome is CancellationError)
        #expect(locks.heldCartCount == 0)
    }

    @Test func aTimedWaiterCancelledWhileQueuedThrowsAndLeavesTheQueue() async throws {
        let locks = CartLocks()
        let holderEntered = Gate()
        let releaseHolder = Gate()
        try await withThrowingTaskGroup(of: Void.self) { holder in
            holder.addTask {
                try await locks.withLock("cart_1") {
                    await holderEntered.open()
                    await releaseHolder.wait()
                }
            }
            await holderEntered.wait()
            let outcome = await withTaskGroup(of: (any Error)?.self) { waiter in
                waiter.addTask {
                    do {
                        _ = try await locks.withLock("cart_1", waitingAtMost: .seconds(60)) {}
                        return nil
                    } catch {
                        return error
                    }
                }
                try? await waitUntil { locks.waiterCount("cart_1") == 1 }
                waiter.cancelAll()
                return await waiter.next() ?? nil
            }
            #expect(outcome is CancellationError)
            #expect(locks.waiterCount("cart_1") == 0)
            await releaseHolder.open()
            try await holder.waitForAll()
        }
        #expect(locks.heldCartCount == 0)
    }

    /// Yields until `condition` holds: the queue is observed, not timed.
    private func waitUntil(_ condition: () -> Bool) async throws {
        while !condition() {
            try Task.checkCancellation()
            await Task.yield()
        }
    }
}

actor EntryLog {
    private(set) var values: [Int] = []

    func append(_ value: Int) {
        values.append(value)
    }
}

extension CartLocks {
    /// For tests that are not about the wait: a minute is for ever here.
    func withLock<T>(_ cartID: String, _ body: () async throws -> T) async throws -> T {
        guard let value = try await withLock(cartID, waitingAtMost: .seconds(60), body) else { throw LockWaitRanOut() }
        return value
    }
}
