import Bridge
import MedusaV1
import Hummingbird
import MedusaAPI

/// The Medusa v1 store routes. Each one decodes its request, makes one `StorefrontAPI` call and wraps the
/// answer in the key Medusa uses (`{cart}`, `{order}`, …), always with status 200.
struct StoreRoutes: Sendable {
    typealias Context = BridgeRequestContext

    let storefront: any StorefrontAPI
    /// Customer accounts; without them the account routes are not served (404), as before accounts existed.
    let accounts: MedusaV1Accounts?
    let idempotency: IdempotencyLedger
    let bodies: RequestBodyReader

    func register(on store: RouterGroup<Context>) {
        addRegionRoutes(to: store)
        addCatalogRoutes(to: store)
        addNavigationRoutes(to: store)
        addCartRoutes(to: store)
        addCheckoutRoutes(to: store)
        addOrderRoutes(to: store)
        addUnofferedRoutes(to: store)
        if let accounts { addAccountRoutes(to: store, accounts: accounts) }
    }
}

extension RouterGroup<BridgeRequestContext> {
    /// A route answering 200 with `handler`'s value as Medusa JSON.
    @discardableResult
    func json<Body: Encodable & Sendable>(
        _ method: HTTPRequest.Method, _ path: RouterPath,
        _ handler: @escaping @Sendable (Request, Context) async throws -> Body
    ) -> Self {
        on(path, method: method) { request, context in
            try MedusaJSONResponse.make(try await handler(request, context))
        }
    }

    /// A cart route answering `{cart}`.
    @discardableResult
    func cart(
        _ method: HTTPRequest.Method, _ path: RouterPath,
        _ handler: @escaping @Sendable (Request, Context) async throws -> Cart
    ) -> Self {
        json(method, path) { request, context in StoreCartsRes(cart: try await handler(request, context)) }
    }
}
