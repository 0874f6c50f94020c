import Bridge
import MedusaV1
import Hummingbird
import Logging
import Prometheus

/// Assembles CartBridge's HTTP edge: the Medusa v1 Store API under `/store`, in front of a `StorefrontAPI`, and
/// `/health`, `/health/ready` and `/metrics` beside it.
///
/// ```swift
/// let app = BridgeHTTPServer.makeApplication(storefront: service, idempotency: ledger, options: ServerOptions(configuration),
///                                            logger: logger, metrics: registry, readiness: checks)
/// try await BridgeHTTPServer.serviceGroup(services: [app], options: options, logger: logger).run()
/// ```
public enum BridgeHTTPServer {
    /// The router with every route and the edge middleware, outermost first: the request id (so every log line
    /// and response has it), security headers, metrics and the request log (so they see the final status),
    /// CORS (so error responses carry its headers too), then the error middleware that renders whatever a
    /// route throws as Medusa's envelope. `/store` adds the publishable-key check and the rate limit.
    ///
    /// `metrics` is this application's registry: `/metrics` serves it and request metrics go to it.
    /// `web`: the card element's files and frame, and the demo storefront when loaded with it.
    public static func makeRouter(
        storefront: any StorefrontAPI, accounts: MedusaV1Accounts? = nil, idempotency: IdempotencyLedger,
        options: ServerOptions, web: WebAssets? = nil, metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        readiness: [HealthCheck] = []
    ) -> Router<BridgeRequestContext> {
        let router = Router(context: BridgeRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: RequestMetricsMiddleware(factory: PrometheusMetricsFactory(registry: metrics)))
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: StoreCORSMiddleware(allowedOrigins: options.allowedOrigins))
        router.add(middleware: MedusaErrorMiddleware())
        OperationsRoutes(registry: metrics, readiness: readiness)
            .register(on: router, includingAdmin: options.adminPort == nil)
        if let web {
            WebRoutes(assets: web, allowedOrigins: options.allowedOrigins).register(on: router)
        }
        let store = router.group("store")
        if !options.publishableKeys.isEmpty {
            store.add(middleware: PublishableKeyMiddleware(keys: options.publishableKeys))
        }
        if let rateLimit = RateLimitMiddleware(options.rateLimit) {
            store.add(middleware: rateLimit)
        }
        StoreRoutes(
            storefront: storefront, accounts: accounts, idempotency: idempotency,
            bodies: RequestBodyReader(maxBytes: options.maxBodyBytes)
        ).register(on: store)
        return router
    }

    /// The application to run in a `ServiceGroup` (see `serviceGroup`). `onServerRunning` gets the port actually
    /// bound (useful with port 0).
    public static func makeApplication(
        storefront: any StorefrontAPI, accounts: MedusaV1Accounts? = nil, idempotency: IdempotencyLedger,
        options: ServerOptions, web: WebAssets? = nil, logger: Logger,
        metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        readiness: [HealthCheck] = [], onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: makeRouter(
                storefront: storefront, accounts: accounts, idempotency: idempotency, options: options, web: web,
                metrics: metrics, readiness: readiness),
            configuration: ApplicationConfiguration(
                address: .hostname(options.host, port: options.port), serverName: "CartBridge"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? options.port) },
            logger: logger)
    }

    /// The admin listener on `options.adminPort`: `/health`, `/health/ready` and `/metrics`, nothing else, so
    /// operators can keep them off the network storefronts reach.
    public static func makeAdminApplication(
        options: ServerOptions, logger: Logger, metrics: PrometheusCollectorRegistry, readiness: [HealthCheck],
        onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router(context: BridgeRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: MedusaErrorMiddleware())
        OperationsRoutes(registry: metrics, readiness: readiness).register(on: router, includingAdmin: true)
        let port = options.adminPort ?? 0
        return Application(
            router: router,
            configuration: ApplicationConfiguration(
                address: .hostname(options.adminHost, port: port), serverName: "CartBridge admin"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
