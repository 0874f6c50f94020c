import HTTPTypes
import Hummingbird
import MedusaAPI

/// Optional `x-publishable-api-key` enforcement on `/store` (installed only when keys are configured: Medusa v1
/// never requires one). A request without one of the keys is refused as Medusa v2 refuses it: 400 `not_allowed`.
struct PublishableKeyMiddleware<Context: RequestContext>: RouterMiddleware {
    let keys: Set<String>

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let key = request.headers[.publishableAPIKey], !key.isEmpty else {
            throw MedusaError.notAllowed(
                "Publishable API key required in the request header: x-publishable-api-key. "
                    + "You can manage your keys in settings in the dashboard.")
        }
        guard keys.contains(key) else {
            throw MedusaError.notAllowed("A valid publishable key is required to proceed with the request")
        }
        return try await next(request, context)
    }
}

extension HTTPField.Name {
    static let publishableAPIKey = Self("x-publishable-api-key")!
}
