import Hummingbird
import Logging

/// One info line per request: method, route template (never the query or body, which may hold personal or
/// card data), status and duration.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context: context, status: response.status, since: start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            log(request, context: context, status: status, since: start)
            throw error
        }
    }

    private func log(
        _ request: Request, context: Context, status: HTTPResponse.Status, since start: ContinuousClock.Instant
    ) {
        let elapsed = ContinuousClock.now - start
        context.logger.info(
            "Request",
            metadata: [
                "method": .string(request.method.rawValue),
                // Set by the router once it matched; preflights answered before routing have none.
                "route": .string(context.endpointPath ?? "-"),
                "status": .stringConvertible(status.code),
                "duration_ms": .stringConvertible((elapsed / .microseconds(1)).rounded() / 1000),
            ])
    }
}
