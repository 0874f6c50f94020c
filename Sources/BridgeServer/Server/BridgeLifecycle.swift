import Logging
import ServiceLifecycle
import UnixSignals

extension BridgeHTTPServer {
    /// Runs `services` until one of `signals` (or `triggerGracefulShutdown()`) starts a graceful shutdown,
    /// last service first: the HTTP server stops accepting connections and lets in-flight requests finish for
    /// up to `options.shutdownTimeout`, after which whatever still runs is cancelled. The caller closes what
    /// the services used (merchant HTTP client, store) once `run()` returns.
    public static func serviceGroup(
        services: [any Service], options: ServerOptions, signals: [UnixSignal] = [.sigterm, .sigint],
        logger: Logger
    ) -> ServiceGroup {
        var configuration = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: signals, logger: logger)
        configuration.maximumGracefulShutdownDuration = options.shutdownTimeout
        return ServiceGroup(configuration: configuration)
    }
}
