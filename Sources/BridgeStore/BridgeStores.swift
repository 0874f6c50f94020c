import Logging

/// Opens stores from configuration.
public enum BridgeStores {
    /// Parses `url` (see `StorageURL`), opens the store and runs its migrations.
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
