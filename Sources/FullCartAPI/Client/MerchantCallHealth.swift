/// The last call to each merchant, for readiness: a merchant whose last call got no answer or a 5xx is
/// reported as failing until a later call succeeds.
public actor MerchantCallHealth: FullCartCallObserver {
    private var lastCalls: [String: FullCartCall] = [:]

    public init() {}

    public func observe(_ call: FullCartCall) {
        lastCalls[call.domain] = call
    }

    /// `nil` until the first call to `domain`.
    public func lastCall(to domain: String) -> FullCartCall? {
        lastCalls[domain]
    }
}
