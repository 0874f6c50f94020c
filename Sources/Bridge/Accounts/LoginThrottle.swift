import Foundation

/// Failed logins per account: after `maxFailures` within `window`, that account's logins are refused (429) until
/// the oldest failure leaves the window, whatever the password, so guessing runs at a few tries per window.
/// Bounded: the accounts with the oldest failures are forgotten first.
public actor LoginThrottle {
    let maxFailures: Int
    let window: TimeInterval
    let maxAccounts: Int
    private let now: @Sendable () -> Date
    private var failures: [String: [Date]] = [:]

    public init(
        maxFailures: Int = 5, window: TimeInterval = 900, maxAccounts: Int = 10_000,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.maxFailures = maxFailures
        self.window = window
        self.maxAccounts = maxAccounts
        self.now = now
    }

    /// Seconds until `account` may try again, or nil when it may now.
    public func retryAfter(_ account: String) -> Int? {
        let recent = prune(account)
        guard recent.count >= maxFailures, let oldest = recent.first else { return nil }
        return max(1, Int(oldest.addingTimeInterval(window).timeIntervalSince(now()).rounded(.up)))
    }

    public func recordFailure(_ account: String) {
        var recent = prune(account)
        recent.append(now())
        failures[account] = recent
        if failures.count > maxAccounts,
            let stalest = failures.min(by: { ($0.value.last ?? .distantPast) < ($1.value.last ?? .distantPast) })?.key
        {
            failures[stalest] = nil
        }
    }

    public func recordSuccess(_ account: String) {
        failures[account] = nil
    }

    private func prune(_ account: String) -> [Date] {
        let cutoff = now().addingTimeInterval(-window)
        let recent = (failures[account] ?? []).filter { $0 > cutoff }
        failures[account] = recent.isEmpty ? nil : recent
        return recent
    }
}
