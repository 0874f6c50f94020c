import Metrics

/// Merchant calls as metrics: `cartbridge_merchant_requests_total{merchant, endpoint, status}` and the
/// histogram `cartbridge_merchant_request_duration_seconds{merchant, endpoint}`.
public struct FullCartCallMetrics: FullCartCallObserver {
    public static let requestsLabel = "cartbridge_merchant_requests_total"
    public static let durationLabel = "cartbridge_merchant_request_duration_seconds"

    private let factory: any MetricsFactory

    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
    }

    public func observe(_ call: FullCartCall) async {
        let target = [("merchant", call.domain), ("endpoint", call.endpoint)]
        Counter(label: Self.requestsLabel, dimensions: target + [("status", call.outcome)], factory: factory)
            .increment()
        Timer(label: Self.durationLabel, dimensions: target, factory: factory)
            .recordNanoseconds(Int64(call.duration / .nanoseconds(1)))
    }
}
