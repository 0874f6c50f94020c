import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The simulator's HTTP surface: the merchant API host, the payment host and the `/_simulator/` control API,
/// all on one router.
struct SimulatorRoutes: Sendable {
    typealias Context = SimulatorRequestContext
    typealias Handler = @Sendable (Request, Context) async throws -> Response

    let state: SimulatorState
    let logger: Logger

    static let authorizationHeader = HTTPField.Name("x-firmly-authorization")!
    static let appIDHeader = HTTPField.Name("x-firmly-app-id")!
    static let keyIDHeader = HTTPField.Name("x-firmly-kid")!

    func makeRouter() -> Router<Context> {
        let router = Router(context: Context.self)
        router.add(middleware: ErrorMiddleware())
        addSessionRoutes(to: router)
        addCatalogRoutes(to: router)
        addCartRoutes(to: router)
        addPaymentRoutes(to: router)
        addControlRoutes(to: router)
        return router
    }

    /// Registers a merchant endpoint: fault injection (latency, then availability) runs before the handler, so
    /// an injected 503 has no side effects; a body stall delays the answer's body after its headers.
    func merchantRoute(
        _ router: Router<Context>, _ method: HTTPRequest.Method, _ path: String,
        errorEnvelope: SimulatorError.Envelope = .standard, handler: @escaping Handler
    ) {
        let segments = path.split(separator: "/").map(String.init)
            .filter { !["api", "v1", "v2", "domains"].contains($0) && !$0.hasPrefix(":") }
        router.on(RouterPath(path), method: method) { [state] request, context in
            let call = MerchantCall(segments: segments, domain: context.parameters.get("domain"))
            let decision = await state.faultDecision(for: call)
            // The merchant being slow: a real delay inside the request, not test synchronisation.
            if decision.latency > .zero { try await Task.sleep(for: decision.latency) }
            if decision.unavailable {
                var unavailable = SimulatorError.storeUnavailable()
                unavailable.envelope = errorEnvelope
                throw unavailable
            }
            var response = try await handler(request, context)
            if decision.bodyStall > .zero {
                // Headers go out first; the body follows only after the stall (a merchant hanging mid-answer).
                response.body = response.body.map { buffer in
                    try await Task.sleep(for: decision.bodyStall)
                    return buffer
                }
            }
            return response
        }
    }

    func authenticatedDevice(_ request: Request) async throws(SimulatorError) -> String {
        try await state.authenticate(request.headers[Self.authorizationHeader])
    }

    func merchantDomain(_ context: Context) throws -> String {
        try context.parameters.require("domain")
    }
}
