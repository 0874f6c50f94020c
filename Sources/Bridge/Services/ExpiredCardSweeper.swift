import BridgeStore
import Foundation
import Logging
import ServiceLifecycle

/// Deletes card JWEs whose TTL has passed (abandoned payment sessions), so no card outlives its session
/// in the store. Completion and declines delete theirs at once; this catches the rest.
public struct ExpiredCardSweeper: Service {
    let store: any BridgeStore
    let interval: Duration
    let logger: Logger
    let now: @Sendable () -> Date

    public init(
        store: any BridgeStore, interval: Duration, logger: Logger, now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.interval = interval
        self.logger = logger
        self.now = now
    }

    /// One pass; returns how many cards were deleted.
    @discardableResult
    public func sweep() async -> Int {
        do {
            let deleted = try await store.deleteExpiredCards(now: now())
            if deleted > 0 { logger.info("deleted expired card JWEs", metadata: ["count": "\(deleted)"]) }
            return deleted
        } catch {
            logger.warning("card sweep failed", metadata: ["error": "\(error)"])
            return 0
        }
    }

    /// Until shutdown; the sleep's cancellation at shutdown is the normal way out, not a failure.
    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await sweep()
                try await Task.sleep(for: interval)
            }
        }
    }
}
