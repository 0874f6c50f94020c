/// What one HTTP exchange with a merchant came to. Carries no body, token or query.
public struct FullCartCall: Sendable, Hashable {
    public var domain: String
    /// `METHOD path-template`, e.g. `GET cart`.
    public var endpoint: String
    /// The merchant's HTTP status; `nil` when no answer arrived.
    public var status: Int?
    /// Why no answer arrived (`ConnectionFailed`, `Timeout`, …); `nil` when one did.
    public var failure: String?
    public var duration: Duration

    public init(domain: String, endpoint: String, status: Int?, failure: String?, duration: Duration) {
        self.domain = domain
        self.endpoint = endpoint
        self.status = status
        self.failure = failure
        self.duration = duration
    }

    /// The merchant looked unwell: no answer, or a 5xx.
    public var isFailure: Bool { status.map { $0 >= 500 } ?? true }

    /// The status code, or the failure for a call without an answer: a bounded set, fit for a metric label.
    public var outcome: String { status.map(String.init) ?? failure ?? "unknown" }
}

/// Told about every merchant HTTP exchange (retries and fallbacks included) as it ends.
public protocol FullCartCallObserver: Sendable {
    func observe(_ call: FullCartCall) async
}
