import BridgeStore
import Foundation
import Logging
import ServiceLifecycle

/// Deletes what the store must not keep: card JWEs whose TTL has passed (abandoned payment sessions), so no
/// card outlives its session, and idempotency records older than their TTL. Completion and declines delete
/// their cards at once; this catches the rest.
public struct StoreSweeper: Service {
    let store: any BridgeStore
    let interval: Duration
    let idempotencyTTL: Duration
    let logger: Logger
    let now: @Sendable () -> Date

    public init(
        store: any BridgeStore, interval: Duration, idempotencyTTL: Duration, logger: Logger,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.interval = interval
        self.idempotencyTTL = idempotencyTTL
        self.logger = logger
        self.now = now
    }

    public struct Sweep: Sendable, Equatable {
        public var cards: Int
        public var idempotencyRecords: Int

        public init(cards: Int, idempotencyRecords: Int) {
            self.cards = cards
            self.idempotencyRecords = idempotencyRecords
        }
    }

    /// One pass; returns how many cards and records were deleted.
    @discardableResult
    public func sweep() async -> Sweep {
        let now = now()
        var result = Sweep(cards: 0, idempotencyRecords: 0)
        do {
            result.cards = try await store.deleteExpiredCards(now: now)
            if result.cards > 0 { logger.info("deleted expired card JWEs", metadata: ["count": "\(result.cards)"]) }
        } catch {
            logger.warning("card sweep failed", metadata: ["error": "\(error)"])
        }
        do {
            result.idempotencyRecords = try await store.deleteIdempotencyRecords(
                createdBefore: now.addingTimeInterval(-idempotencyTTL.timeInterval))
        } catch {
            logger.warning("idempotency record sweep failed", metadata: ["error": "\(error)"])
        }
        return result
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
