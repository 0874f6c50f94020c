import ServiceLifecycle

/// Reloads the merchants' catalogs in the background every TTL (sooner after a failure), so requests answer from
/// a loaded catalog instead of waiting for the merchants when it ages. Runs beside the HTTP server.
public struct CatalogRefresher: Service {
    let catalog: CatalogService

    public init(catalog: CatalogService) {
        self.catalog = catalog
    }

    /// Until shutdown; the sleep's cancellation at shutdown is the normal way out.
    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let wait = await catalog.scheduledReload()
                try await Task.sleep(for: wait)
            }
        }
    }
}
