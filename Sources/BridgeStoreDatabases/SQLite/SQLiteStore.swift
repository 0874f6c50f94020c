import BridgeStore
import Foundation
import GRDB
import Logging

/// The SQLite store: a `DatabasePool` (WAL, concurrent reads) for a file, a `DatabaseQueue` in memory.
/// Cart locks live in this process, so one process owns a database file (`InstanceLock` enforces it).
struct SQLiteStore: BridgeStore {
    private let database: any DatabaseWriter
    private let instanceLock: InstanceLock?
    private let cartLocks = CartLocks()
    private let keyLocks = CartLocks()
    private let gate = AccessGate()
    private let logger: Logger

    private init(database: any DatabaseWriter, instanceLock: InstanceLock?, logger: Logger) {
        self.database = database
        self.instanceLock = instanceLock
        self.logger = logger
    }

    static func open(_ url: StorageURL, logger: Logger) async throws(StoreError) -> SQLiteStore {
        let configuration = Self.configuration
        let database: any DatabaseWriter
        var instanceLock: InstanceLock?
        do {
            switch url {
            case .sqliteInMemory:
                database = try DatabaseQueue(configuration: configuration)
            case .sqliteFile(let path):
                try DatabaseFile.prepare(path: path)
                instanceLock = try InstanceLock(databasePath: path)
                database = try await runBlocking { try DatabasePool(path: path, configuration: configuration) }
                logger.info("opened SQLite store", metadata: ["path": "\(path)"])
            case .postgres:
                throw StoreError.invalidConfiguration("not a SQLite storage URL")
            }
        } catch {
            throw StoreError(sqlite: error, while: "open database")
        }
        return SQLiteStore(database: database, instanceLock: instanceLock, logger: logger)
    }

    private static var configuration: Configuration {
        var configuration = Configuration()
        configuration.label = "CartBridge store"
        // Another process (a backup, the sqlite3 shell) may hold the write lock for a moment.
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // Deleted content is overwritten with zeros, so deleted card JWEs do not linger in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        return configuration
    }

    func migrate() async throws(StoreError) {
        let applied = try await write("migrate") { db in try SQLiteSchema.migrate(db, now: Date()) }
        for migration in applied {
            logger.notice(
                "applied store migration",
                metadata: ["version": "\(migration.version)", "migration": "\(migration.name)"]
            )
        }
    }

    func withCartLock<T: Sendable>(
        _ cartID: String, waitingAtMost wait: Duration, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T? {
        try await cartLocks.withLock(cartID, waitingAtMost: wait, body)
    }

    func withIdempotencyKeyLock<T: Sendable>(_ key: String, _ body: @Sendable () async throws -> T) async throws -> T? {
        try await keyLocks.withLockIfFree(key, body)
    }

    func ping() async throws(StoreError) {
        _ = try await read("ping") { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    func close() async throws(StoreError) {
        guard await gate.close() else {
            return
        }
        let database = database
        defer { instanceLock?.release() }
        do {
            try await runBlocking { try database.close() }
        } catch {
            throw StoreError(sqlite: error, while: "close database")
        }
    }

    /// A write transaction. Throwing a `StoreError` from `updates` rolls back and rethrows it unchanged.
    func write<T: Sendable>(
        _ action: String,
        _ updates: @escaping @Sendable (Database) throws -> T
    ) async throws(StoreError) -> T {
        try await gate.run { () async throws(StoreError) -> T in
            do {
                return try await database.write(updates)
            } catch {
                throw StoreError(sqlite: error, while: action)
            }
        }
    }

    func read<T: Sendable>(
        _ action: String,
        _ value: @escaping @Sendable (Database) throws -> T
    ) async throws(StoreError) -> T {
        try await gate.run { () async throws(StoreError) -> T in
            do {
                return try await database.read(value)
            } catch {
                throw StoreError(sqlite: error, while: action)
            }
        }
    }
}
