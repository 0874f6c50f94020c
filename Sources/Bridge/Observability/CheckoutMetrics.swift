import Metrics

/// Checkout outcomes as counters, for the checkout service to call:
/// `cartbridge_checkout_completions_total{outcome}` and `cartbridge_idempotency_events_total{event}`.
///
/// The HTTP edge binds `factory` to its application's registry around each request, so every application (and
/// every test) counts into its own `/metrics`; outside a request the process-wide `MetricsSystem` is used.
public enum CheckoutMetrics {
    @TaskLocal public static var factory: (any MetricsFactory)?

    public static let completionsLabel = "cartbridge_checkout_completions_total"
    public static let idempotencyLabel = "cartbridge_idempotency_events_total"

    /// One completion attempt's result, e.g. `placed`, `already_completed`, `declined`, `failed`.
    public static func completion(outcome: String) {
        Counter(label: completionsLabel, dimensions: [("outcome", outcome)], factory: current).increment()
    }

    /// An `Idempotency-Key` event: `replay` (a stored response answered again) or `conflict` (409).
    public static func idempotency(_ event: String) {
        Counter(label: idempotencyLabel, dimensions: [("event", event)], factory: current).increment()
    }

    private static var current: any MetricsFactory { factory ?? MetricsSystem.factory }
}
