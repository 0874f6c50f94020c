import Bridge
import Hummingbird
import Metrics

/// Counts and times every request by method, route pattern (`/store/carts/{id}`, never the raw path, so the
/// label set stays bounded) and status: `cartbridge_http_requests_total` and the histogram
/// `cartbridge_http_request_duration_seconds`. It also points `CheckoutMetrics` at this application's factory.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    static var requestsLabel: String { "cartbridge_http_requests_total" }
    static var durationLabel: String { "cartbridge_http_request_duration_seconds" }

    let factory: any MetricsFactory

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await CheckoutMetrics.$factory.withValue(factory) { try await next(request, context) }
            record(request, context: context, status: response.status, since: started)
            return response
        } catch {
            record(
                request, context: context, status: (error as? any HTTPResponseError)?.status ?? .internalServerError,
                since: started)
            throw error
        }
    }

    private func record(
        _ request: Request, context: Context, status: HTTPResponse.Status, since started: ContinuousClock.Instant
    ) {
        // Preflights are answered before routing and have no route.
        let dimensions = [
            ("method", request.method.rawValue), ("route", context.endpointPath ?? "unmatched"),
            ("status", String(status.code)),
        ]
        Counter(label: Self.requestsLabel, dimensions: dimensions, factory: factory).increment()
        Timer(label: Self.durationLabel, dimensions: dimensions, factory: factory)
            .recordNanoseconds(Int64((ContinuousClock.now - started) / .nanoseconds(1)))
    }
}
