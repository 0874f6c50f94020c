import HTTPTypes
import Hummingbird

/// Minimal CORS for the store API, as Medusa configures the `cors` package: an allowed origin is echoed with
/// credentials allowed (so `*` in the list echoes the caller rather than sending a wildcard, which browsers
/// refuse with credentials), and `Idempotency-Key` and `X-Request-Id` are readable by the page.
struct StoreCORSMiddleware<Context: RequestContext>: RouterMiddleware {
    let allowedOrigins: AllowedOrigins

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let allowedOrigin = request.headers[.origin].flatMap { allowedOrigins.allows($0) ? $0 : nil }
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            return preflightResponse(request, allowedOrigin: allowedOrigin)
        }
        var response = try await next(request, context)
        response.headers.append(HTTPField(name: .vary, value: "Origin"))
        if let allowedOrigin {
            response.headers.append(contentsOf: Self.originHeaders(allowedOrigin))
            response.headers[.accessControlExposeHeaders] = Self.exposedHeaders
        }
        return response
    }

    /// Answered here, before routing: Express's `cors` ends every preflight with 204.
    private func preflightResponse(_ request: Request, allowedOrigin: String?) -> Response {
        var headers: HTTPFields = [.vary: "Origin", .contentLength: "0"]
        if let allowedOrigin {
            headers.append(contentsOf: Self.originHeaders(allowedOrigin))
            headers[.accessControlAllowMethods] = "GET,HEAD,PUT,PATCH,POST,DELETE"
            // The `cors` package reflects whatever headers the browser asks for.
            if let requested = request.headers[.accessControlRequestHeaders] {
                headers[.accessControlAllowHeaders] = requested
            }
        }
        return Response(status: .noContent, headers: headers)
    }

    /// Replaces the route's own list (`Idempotency-Key` alone) so the page can also read the request id.
    static var exposedHeaders: String {
        [IdempotencyKey.headerName, .requestID].map(\.rawName).joined(separator: ", ")
    }

    private static func originHeaders(_ origin: String) -> HTTPFields {
        [.accessControlAllowOrigin: origin, .accessControlAllowCredentials: "true"]
    }
}
