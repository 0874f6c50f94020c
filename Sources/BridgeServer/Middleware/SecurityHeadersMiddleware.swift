import HTTPTypes
import Hummingbird

/// Headers that keep a browser from sniffing, framing, caching or leaking what CartBridge answers. API responses
/// are JSON or plain text, so the strictest content policy fits them; a route that serves a page (the card frame,
/// the demo) sets its own policy, and then also decides about framing.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "no-referrer"
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.xFrameOptions] = "DENY"
            response.headers[.contentSecurityPolicy] = "default-src 'none'; frame-ancestors 'none'"
        }
        // Carts and orders are personal: no shared or browser cache may keep them.
        if request.uri.path == "/store" || request.uri.path.hasPrefix("/store/") {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let xFrameOptions = Self("X-Frame-Options")!
}
