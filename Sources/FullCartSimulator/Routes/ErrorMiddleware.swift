import Hummingbird

/// Turns every error into the merchant's JSON error envelope: simulator errors as they are, unknown routes as
/// 404 `RouteNotFound`, anything unexpected as 500.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as SimulatorError {
            return error.response
        } catch let error as HTTPError where [.notFound, .methodNotAllowed].contains(error.status) {
            return SimulatorError.routeNotFound("\(request.method) \(request.uri.path)").response
        } catch let error as HTTPError {
            return SimulatorError(
                status: Int(error.status.code), code: "InvalidRequest", description: error.body ?? "\(error.status)"
            )
            .response
        } catch let error as CancellationError {
            throw error
        } catch {
            context.logger.error("Unexpected error", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            return SimulatorError(status: 500, code: "ErrorInternal", description: "Internal simulator error").response
        }
    }
}
