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
}
