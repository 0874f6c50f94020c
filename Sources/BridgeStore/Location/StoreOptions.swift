/// Pool sizes for the PostgreSQL store (SQLite ignores them).
public struct StoreOptions: Sendable, Equatable {
    public var maxConnections: Int
    public var maxLockConnections: Int

    public init(maxConnections: Int = 20, maxLockConnections: Int = 50) {
        self.maxConnections = maxConnections
        self.maxLockConnections = maxLockConnections
    }
}
