import BridgeStore
import Foundation

/// In-process mutual exclusion per cart id (or any string key), with FIFO waiters.
///
/// A class guarded by a lock rather than an actor: a cancellation handler runs synchronously, and only
/// shared state it can reach synchronously lets it remove its waiter at once (an actor would need an
/// unstructured task for that). NSLock rather than `Mutex` keeps the target free of newer-OS-only APIs.
final class CartLocks: @unchecked Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
    }

    private let lock = NSLock()
    // Guarded by `lock`. A key is present exactly while its cart is held, so idle carts cost nothing;
    // its value is the queue of tasks waiting for that cart.
    private var waitersByHeldCart: [String: [Waiter]] = [:]
    private var lastWaiterID: UInt64 = 0

    /// Runs `body` once `cartID` is free, waiting at most `wait`; nil when the wait ran out first.
    func withLock<T>(_ cartID: String, waitingAtMost wait: Duration, _ body: () async throws -> T) async throws -> T? {
        guard try await acquire(cartID, waitingAtMost: wait) else { return nil }
        defer { release(cartID) }
        return try await body()
    }

    /// Runs `body` when nobody holds `cartID`; returns nil at once otherwise.
    func withLockIfFree<T>(_ cartID: String, _ body: () async throws -> T) async throws -> T? {
        let acquired = lock.withLock {
            guard waitersByHeldCart[cartID] == nil else { return false }
            waitersByHeldCart[cartID] = []
            return true
        }
        guard acquired else { return nil }
        defer { release(cartID) }
        return try await body()
    }

    /// How many carts are held right now.
    var heldCartCount: Int {
        lock.withLock { waitersByHeldCart.count }
    }

    /// How many tasks wait for `cartID`.
    func waiterCount(_ cartID: String) -> Int {
        lock.withLock { waitersByHeldCart[cartID]?.count ?? 0 }
    }

    /// Takes the cart at once when it is free; otherwise queues for it and gives up after `wait`.
    private func acquire(_ cartID: String, waitingAtMost wait: Duration) async throws -> Bool {
        try Task.checkCancellation()
        let free = lock.withLock {
            guard waitersByHeldCart[cartID] == nil else { return false }
            waitersByHeldCart[cartID] = []
            return true
        }
        if free { return true }
        guard wait > .zero else { return false }
        return try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await self.acquire(cartID)
                return true
            }
            group.addTask {
                try? await Task.sleep(for: wait)
                return false
            }
            let first = try await group.next() ?? false
            group.cancelAll()
            if first { return true }
            if Task.isCancelled {
                // The caller went away rather than the wait running out; a cart handed over meanwhile is released
                // when the group ends.
                if (try? await group.next()) == true { release(cartID) }
                throw CancellationError()
            }
            // The wait ran out: the cancelled waiter either left the queue, or was handed the cart just before
            // and then holds it (and may as well use it).
            do {
                return try await group.next() ?? false
            } catch is CancellationError {
                return false
            }
        }
    }

    private func acquire(_ cartID: String) async throws {
        let waiterID = lock.withLock {
            lastWaiterID += 1
            return lastWaiterID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                lock.withLock {
                    // Checked under the lock: either this sees the cancellation, or the handler below
                    // finds the waiter queued.
                    if Task.isCancelled {
                        continuation.resume(throwing: CancellationError())
                    } else if waitersByHeldCart[cartID] == nil {
                        waitersByHeldCart[cartID] = []
                        continuation.resume()
                    } else {
                        waitersByHeldCart[cartID]?.append(Waiter(id: waiterID, continuation: continuation))
                    }
                }
            }
        } onCancel: {
            lock.withLock {
                guard let index = waitersByHeldCart[cartID]?.firstIndex(where: { $0.id == waiterID }) else {
                    return  // Not queued yet (it will see the cancellation) or already handed the lock.
                }
                waitersByHeldCart[cartID]?.remove(at: index).continuation.resume(throwing: CancellationError())
            }
        }
    }

    /// Hands the cart straight to the first waiter, or forgets it when nobody waits.
    private func release(_ cartID: String) {
        lock.withLock {
            if let next = waitersByHeldCart[cartID]?.first {
                waitersByHeldCart[cartID]?.removeFirst()
                next.continuation.resume()
            } else {
                waitersByHeldCart[cartID] = nil
            }
        }
    }
}
