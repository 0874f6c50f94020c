import BridgeStore
import Foundation

/// Lets database work in until the store closes, then refuses new work and waits for the work in flight.
///
/// GRDB's connections must not be touched once closed: with the system SQLite (built without API armor)
/// a `DatabaseQueue` read after `close()` dereferences the freed handle instead of throwing.
final class AccessGate: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var workInFlight = 0
    private var isClosed = false
    private var closerWaitingForDrain: CheckedContinuation<Void, Never>?

    func run<T>(_ work: () async throws(StoreError) -> T) async throws(StoreError) -> T {
        let admitted = lock.withLock {
            if isClosed {
                return false
            }
            workInFlight += 1
            return true
        }
        guard admitted else {
            throw .unavailable("the store is closed")
        }
        defer { leave() }
        return try await work()
    }

    /// Refuses new work and returns once the work in flight has finished. Returns false when the gate
    /// was already closed, so that only the first caller closes the database.
    func close() async -> Bool {
        let isFirstClose = lock.withLock {
            defer { isClosed = true }
            return !isClosed
        }
        guard isFirstClose else {
            return false
        }
        await withCheckedContinuation { continuation in
            lock.withLock {
                if workInFlight == 0 {
                    continuation.resume()
                } else {
                    closerWaitingForDrain = continuation
                }
            }
        }
        return true
    }

    private func leave() {
        lock.withLock {
            workInFlight -= 1
            if workInFlight == 0, let closer = closerWaitingForDrain {
                closerWaitingForDrain = nil
                closer.resume()
            }
        }
    }
}
