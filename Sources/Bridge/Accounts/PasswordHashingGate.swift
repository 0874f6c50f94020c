import Foundation

/// Password hashing is deliberately slow (tens of milliseconds of CPU) and runs on the cooperative thread pool,
/// so without a bound a burst of logins (or of made-up emails) would take every core from checkouts. At most
/// `permits` hashes run at once (one core is left for everything else); a bounded number wait, and beyond that
/// a login is told to retry (503) rather than queue without end.
public actor PasswordHashingGate {
    let permits: Int
    let maxWaiting: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(
        permits: Int = max(1, ProcessInfo.processInfo.activeProcessorCount - 1), maxWaiting: Int = 64
    ) {
        self.permits = max(1, permits)
        self.maxWaiting = maxWaiting
    }

    /// Runs `work` (a hash) once a permit is free, on the caller's task, not on this actor.
    public nonisolated func run<T: Sendable>(_ work: () throws(CheckoutError) -> T) async throws(CheckoutError) -> T {
        try await acquire()
        let result: Result<T, CheckoutError>
        do throws(CheckoutError) {
            result = .success(try work())
        } catch {
            result = .failure(error)
        }
        await release()
        return try result.get()
    }

    func acquire() async throws(CheckoutError) {
        if running < permits {
            running += 1
            return
        }
        guard waiting.count < maxWaiting else {
            throw CheckoutError(.unavailable, "Too many logins at once; try again in a moment", retryAfterSeconds: 1)
        }
        // `release` hands its permit straight to the first waiter, so `running` already counts it.
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
