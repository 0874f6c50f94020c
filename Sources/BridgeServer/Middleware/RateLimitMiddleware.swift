import Bridge
import HTTPTypes
import Hummingbird
import MedusaAPI

/// Limits, per client address, the routes a card tester would hammer: completion and the payment-session
/// updates that carry a card. Over the limit: 429 with `Retry-After`, as `not_allowed` / `rate_limited` in
/// Medusa's envelope (Medusa has no type of its own for it).
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = BridgeRequestContext

    /// Route patterns as the router reports them.
    static let limitedRoutes: Set<String> = [
        "/store/carts/{id}/complete", "/store/carts/{id}/complete-cart", "/store/carts/{id}/payment-sessions",
        "/store/carts/{id}/payment-session", "/store/carts/{id}/payment-sessions/{provider_id}",
    ]

    let buckets: TokenBuckets
    let trustForwardedFor: Bool

    /// `nil` when the configuration turns the limit off.
    init?(_ limit: BridgeConfiguration.RateLimit) {
        guard limit.requestsPerMinute > 0 else { return nil }
        buckets = TokenBuckets(perMinute: limit.requestsPerMinute, burst: limit.burst, maxClients: limit.maxClients)
        trustForwardedFor = limit.trustForwardedFor
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method == .post, let route = context.endpointPath, Self.limitedRoutes.contains(route) else {
            return try await next(request, context)
        }
        let client = clientAddress(request, context: context)
        if case .limited(let seconds) = await buckets.take(client, at: .now) {
            context.logger.notice("Rate limited", metadata: ["client": .string(client), "route": .string(route)])
            throw MedusaError(
                .notAllowed, "Too many requests. Try again in \(seconds) seconds.", code: "rate_limited",
                headers: ["Retry-After": String(seconds)], status: 429)
        }
        return try await next(request, context)
    }

    /// The peer's address; behind a trusted proxy, the last `X-Forwarded-For` entry (the one that proxy added:
    /// earlier entries are whatever the client sent).
    private func clientAddress(_ request: Request, context: Context) -> String {
        if trustForwardedFor,
            let forwarded = request.headers[values: .xForwardedFor].joined(separator: ",").commaSeparatedItems.last
        {
            return forwarded
        }
        return context.peerAddress ?? "unknown"
    }
}
