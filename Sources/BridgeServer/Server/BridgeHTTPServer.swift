import Bridge
import Hummingbird
import Logging

/// Assembles CartBridge's HTTP edge: the Medusa v1 Store API under `/store`, in front of a `StorefrontAPI`.
///
/// ```swift
/// let app = BridgeHTTPServer.makeApplication(storefront: service, options: ServerOptions(configuration.server),
///                                            logger: logger)
/// try await ServiceGroup(configuration: .init(services: [app], logger: logger)).run()
/// ```
public enum BridgeHTTPServer {
    /// The router with every store route and the edge middleware, outermost first: the request log (so it
    /// sees the final status), CORS (so error responses carry its headers too), then the error middleware
    /// that renders whatever a route throws as Medusa's envelope.
    public static func makeRouter(
        storefront: any StorefrontAPI, options: ServerOptions
    ) -> Router<BridgeRequestContext> {
        let router = Router(context: BridgeRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: StoreCORSMiddleware(allowedOrigins: options.allowedOrigins))
        router.add(middleware: MedusaErrorMiddleware())
        StoreRoutes(storefront: storefront, bodies: RequestBodyReader(maxBytes: options.maxBodyBytes))
            .register(on: router.group("store"))
        return router
    }

    /// The application to run in a `ServiceGroup`. `onServerRunning` gets the port actually bound (useful
    /// with port 0).
    public static func makeApplication(
        storefront: any StorefrontAPI, options: ServerOptions, logger: Logger,
        onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: makeRouter(storefront: storefront, options: options),
            configuration: ApplicationConfiguration(
                address: .hostname(options.host, port: options.port), serverName: "CartBridge"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? options.port) },
            logger: logger)
    }
}
