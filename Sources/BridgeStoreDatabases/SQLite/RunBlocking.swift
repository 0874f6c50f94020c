import BridgeStore
import Dispatch

/// Runs blocking work (opening or closing a database file) on a Dispatch thread, so that it does not hold
/// one of the few threads of Swift's cooperative pool.
func runBlocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try work() })
        }
    }
}
