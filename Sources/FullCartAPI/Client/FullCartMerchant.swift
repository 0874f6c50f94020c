import Foundation

/// Where one merchant domain is reached and how patiently.
public struct FullCartMerchant: Sendable, Hashable {
    /// The merchant domain, e.g. `staging.luma.gift`; it is a path segment of every cart call.
    public var domain: String
    /// The API host (`https://api.firmly.work` in UAT): session, catalog and cart calls.
    public var apiBaseURL: String
    /// The PCI payment host (`https://cc.firmly.work` in UAT): public key and complete-order.
    public var paymentBaseURL: String
    /// The App ID Firmly issued for this merchant (sent only to browser-session).
    public var appID: String
    public var timeouts: FullCartTimeouts

    public init(
        domain: String, apiBaseURL: String, paymentBaseURL: String, appID: String,
        timeouts: FullCartTimeouts = FullCartTimeouts()
    ) {
        self.domain = domain
        self.apiBaseURL = Self.trimmingTrailingSlash(apiBaseURL)
        self.paymentBaseURL = Self.trimmingTrailingSlash(paymentBaseURL)
        self.appID = appID
        self.timeouts = timeouts
    }

    private static func trimmingTrailingSlash(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}

/// Per-call deadlines. complete-order gets its own, longer one: a payment authorisation is slow, and a
/// timeout there leaves the outcome unknown.
public struct FullCartTimeouts: Sendable, Hashable {
    public var request: Duration
    public var completeOrder: Duration
    /// After a complete-order whose outcome is unknown, how much longer (past its deadline) the merchant may
    /// still be placing that order: complete-order is not sent again before this has passed.
    public var completeOrderSettle: Duration

    public init(
        request: Duration = .seconds(10), completeOrder: Duration = .seconds(30),
        completeOrderSettle: Duration = .seconds(120)
    ) {
        self.request = request
        self.completeOrder = completeOrder
        self.completeOrderSettle = completeOrderSettle
    }
}

/// How reads are retried: exponential backoff with full jitter, capped.
public struct FullCartRetryPolicy: Sendable, Hashable {
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration

    public init(maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(50), maxDelay: Duration = .seconds(1)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    public static let none = FullCartRetryPolicy(maxAttempts: 1)

    /// The pause before attempt `attempt + 1` (attempt counts from 1).
    func delay(after attempt: Int) -> Duration {
        let exponential = baseDelay * (1 << min(attempt - 1, 16))
        let capped = min(exponential, maxDelay)
        return capped * Double.random(in: 0.5...1.0)
    }
}

/// The client's behaviour shared by all merchants.
public struct FullCartClientConfiguration: Sendable, Hashable {
    public var retry: FullCartRetryPolicy
    /// A session closer than this to its expiry is renewed before use.
    public var sessionRenewalMargin: Duration
    /// Upper bound on an upstream body; a larger one is an invalid response, not an out-of-memory.
    public var maxResponseBytes: Int

    public init(
        retry: FullCartRetryPolicy = FullCartRetryPolicy(), sessionRenewalMargin: Duration = .seconds(300),
        maxResponseBytes: Int = 4 << 20
    ) {
        self.retry = retry
        self.sessionRenewalMargin = sessionRenewalMargin
        self.maxResponseBytes = maxResponseBytes
    }
}
