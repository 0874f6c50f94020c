import BridgeStore
import Logging

/// Opens stores from configuration.
public enum BridgeStores {
    /// Parses `url` (see `StorageURL`), opens the store, runs its migrations, runs `body` with it and closes
    /// it however `body` ends. The store is usable only inside `body`.
    public static func withStore<T>(
        url: String, options: StoreOptions = StoreOptions(), logger: Logger, _ body: (any BridgeStore) async throws -> T
    ) async throws -> T {
        if case .postgres(let location) = try StorageURL(parsing: url) {
            return try await PostgresStore.withStore(location, options: options, logger: logger, body)
        }
        return try await closing(try await open(url: url, logger: logger), body)
    }

    /// Runs `body` with `store`, then closes it however `body` ended.
    static func closing<T>(_ store: any BridgeStore, _ body: (any BridgeStore) async throws -> T) async throws -> T {
        let result: Result<T, any Error>
        do {
            result = .success(try await body(store))
        } catch {
            result = .failure(error)
        }
        try? await store.close()
        return try result.get()
    }

    /// Opens a SQLite store and runs its migrations; the caller closes it. A PostgreSQL store needs its pools
    /// running, so it opens only through `withStore`.
    public static func open(url: String, logger: Logger) async throws(StoreError) -> any BridgeStore {
        let location = try StorageURL(parsing: url)
        if case .postgres = location {
            throw .invalidConfiguration("a postgres:// store opens only through BridgeStores.withStore")
        }
        let store = try await SQLiteStore.open(location, logger: logger)
        do {
            try await store.migrate()
        } catch {
            try? await store.close()
            throw error
        }
        return store
    }
}
