import BridgeStore
import Testing

@Suite("Cart locks", .timeLimit(.minutes(1)))
struct CartLockTests {
    struct BodyFailed: Error {}

    @Test(arguments: StoreFactory.all)
    func bodiesForOneCartNeverOverlap(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let counter = OverlapCounter()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        try await store.withCartLock("cart_1") {
                            await counter.enter()
                            await Task.yield()
                            await counter.leave()
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(await counter.maximum == 1)
        }
    }

    @Test(arguments: StoreFactory.all)
    func bodiesForDifferentCartsOverlap(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            // Each body waits inside its lock for the other: this finishes only if both run at once.
            let barrier = Barrier(parties: 2)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for cart in ["cart_1", "cart_2"] {
                    group.addTask { try await store.withCartLock(cart) { await barrier.arrive() } }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test(arguments: StoreFactory.all)
    func theBodysResultIsReturned(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let result = try await store.withCartLock("cart_1") { 42 }
            #expect(result == 42)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aThrowingBodyReleasesTheLock(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            await #expect(throws: BodyFailed.self) {
                try await store.withCartLock("cart_1") { throw BodyFailed() }
            }
            let result = try await store.withCartLock("cart_1") { "entered" }
            #expect(result == "entered")
        }
    }

    @Test(arguments: StoreFactory.all)
    func aCancelledWaiterThrowsAndDoesNotBlockOthers(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let holderEntered = Gate()
            let releaseHolder = Gate()
            try await withThrowingTaskGroup(of: Void.self) { holder in
                holder.addTask {
                    try await store.withCartLock("cart_1") {
                        await holderEntered.open()
                        await releaseHolder.wait()
                    }
                }
                await holderEntered.wait()

                let waiterOutcome = await withTaskGroup(of: (any Error)?.self) { waiter in
                    waiter.addTask {
                        do {
                            try await store.withCartLock("cart_1") {}
                            return nil
                        } catch {
                            return error
                        }
                    }
                    waiter.cancelAll()
                    return await waiter.next() ?? nil
                }
                #expect(waiterOutcome is CancellationError)

                await releaseHolder.open()
                try await holder.waitForAll()
            }
            let result = try await store.withCartLock("cart_1") { "entered" }
            #expect(result == "entered")
        }
    }

    @Test(arguments: StoreFactory.all)
    func aWaitThatRunsOutReturnsNilWithoutEntering(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let holderEntered = Gate()
            let releaseHolder = Gate()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await store.withCartLock("cart_1") {
                        await holderEntered.open()
                        await releaseHolder.wait()
                    }
                }
                await holderEntered.wait()
                let entered = Flag()
                let started = ContinuousClock.now
                let outcome = try await store.withCartLock("cart_1", waitingAtMost: .milliseconds(200)) {
                    await entered.set()
                    return "entered"
                }
                let waited = ContinuousClock.now - started
                #expect(outcome == nil)
                #expect(await !entered.isSet)
                #expect(waited >= .milliseconds(200) && waited < .seconds(10))
                // A zero wait answers at once while the cart is held.
                #expect(try await store.withCartLock("cart_1", waitingAtMost: .zero) { "entered" } == nil)
                await releaseHolder.open()
                try await group.waitForAll()
            }
            // The abandoned wait left nothing behind: the cart is free again.
            #expect(try await store.withCartLock("cart_1", waitingAtMost: .zero) { "entered" } == "entered")
        }
    }

    @Test(arguments: StoreFactory.all)
    func aWaiterGetsTheCartWhenItIsFreedInTime(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let holderEntered = Gate()
            let releaseHolder = Gate()
            try await withThrowingTaskGroup(of: String?.self) { group in
                group.addTask {
                    try await store.withCartLock("cart_1") {
                        await holderEntered.open()
                        await releaseHolder.wait()
                        return nil
                    }
                }
                await holderEntered.wait()
                group.addTask { try await store.withCartLock("cart_1", waitingAtMost: .seconds(30)) { "waiter" } }
                await releaseHolder.open()
                var results: [String?] = []
                for try await result in group { results.append(result) }
                #expect(results.contains("waiter"))
            }
        }
    }
}
