import Foundation
import FullCartAPI
import Logging

/// Each merchant's card-encryption key, cached for `ttl` instead of fetched on every completion. The client has
/// already validated what it returns (an RSA JWK, modulus of at least 2048 bits, a kid). A changed key is logged
/// with both kids; `refresh` fetches afresh, for when a merchant refused a card for its key.
///
/// A class guarded by a lock: one cache for every request of the process. Concurrent misses may fetch twice;
/// both answers are the merchant's current key, so the second simply replaces the first.
public final class MerchantPaymentKeys: @unchecked Sendable {
    private struct Cached {
        let key: FullCartPaymentKey
        /// When the fetch that got it started.
        let fetchedAt: ContinuousClock.Instant
    }

    private let ttl: Duration
    private let logger: Logger
    private let lock = NSLock()
    // Guarded by `lock`, by merchant domain.
    private var cached: [String: Cached] = [:]

    public init(ttl: Duration, logger: Logger) {
        self.ttl = ttl
        self.logger = logger
    }

    /// The merchant's current key: from the cache while it is younger than the TTL, else fetched.
    func key(for client: any FullCartMerchantAPI, refresh: Bool = false) async throws(FullCartError) -> FullCartPaymentKey {
        let domain = client.merchant.domain
        let now = ContinuousClock.now
        if !refresh, let hit = lock.withLock({ cached[domain] }), now - hit.fetchedAt < ttl {
            return hit.key
        }
        let fetched = try await client.paymentKey()
        let previous = lock.withLock { () -> FullCartPaymentKey? in
            let previous = cached[domain]
            // A fetch that started earlier but finished later does not replace a newer key.
            if let previous, previous.fetchedAt > now { return nil }
            cached[domain] = Cached(key: fetched, fetchedAt: now)
            return previous?.key
        }
        if let previous, previous.kid != fetched.kid {
            logger.notice(
                "merchant payment key changed",
                metadata: ["merchant": "\(domain)", "previous_kid": "\(previous.kid)", "kid": "\(fetched.kid)"])
        }
        return fetched
    }
}
