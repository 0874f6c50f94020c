import Logging

/// Opens stores from configuration.
public enum BridgeStores {
    /// Parses `url` (see `StorageURL`), opens the store, runs its migrations, runs `body` with it and closes
    /// it however `body` ends. The store is usable only inside `body`.
    public static func withStore<T>(
        url: String, logger: Logger, _ body: (any BridgeStore) async throws -> T
    ) async throws -> T {
        let store = try await open(url: url, logger: logger)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(store))
        } catch {
            result = .failure(error)
        }
        try? await store.close()
        return try result.get()
    }

    /// Opens a SQLite store and runs its migrations; the caller closes it.
    public static func open(url: String, logger: Logger) async throws(StoreError) -> any BridgeStore {
        let store = try await SQLiteStore.open(try StorageURL(parsing: url), logger: logger)
        do {
            try await store.migrate()
        } catch {
            try? await store.close()
            throw error
        }
        return store
    }
}
