/// A token bucket per client: `burst` requests at once, then `perMinute` a minute. At most `maxClients`
/// buckets are kept: a full bucket is the same as a missing one, so refilled buckets are dropped first, then
/// the longest idle.
actor TokenBuckets {
    enum Decision: Equatable {
        case allowed
        /// Whole seconds until a token is back.
        case limited(retryAfterSeconds: Int)
    }

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    private let burst: Double
    private let tokensPerSecond: Double
    private let maxClients: Int
    private var buckets: [String: Bucket] = [:]

    init(perMinute: Int, burst: Int, maxClients: Int) {
        self.burst = Double(burst)
        self.tokensPerSecond = Double(perMinute) / 60
        self.maxClients = maxClients
    }

    var count: Int { buckets.count }

    func take(_ client: String, at now: ContinuousClock.Instant) -> Decision {
        var bucket = buckets[client].map { refilled($0, at: now) } ?? Bucket(tokens: burst, updated: now)
        if buckets[client] == nil, buckets.count >= maxClients {
            evict(at: now)
        }
        defer { buckets[client] = bucket }
        guard bucket.tokens >= 1 else {
            return .limited(retryAfterSeconds: max(1, Int(((1 - bucket.tokens) / tokensPerSecond).rounded(.up))))
        }
        bucket.tokens -= 1
        return .allowed
    }

    private func refilled(_ bucket: Bucket, at now: ContinuousClock.Instant) -> Bucket {
        let elapsed = (now - bucket.updated) / .seconds(1)
        return Bucket(tokens: min(burst, bucket.tokens + elapsed * tokensPerSecond), updated: now)
    }

    private func evict(at now: ContinuousClock.Instant) {
        buckets = buckets.filter { refilled($0.value, at: now).tokens < burst }
        if buckets.count >= maxClients, let idlest = buckets.min(by: { $0.value.updated < $1.value.updated }) {
            buckets[idlest.key] = nil
        }
    }
}
