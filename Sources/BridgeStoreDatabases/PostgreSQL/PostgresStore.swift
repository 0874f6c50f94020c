import BridgeStore
import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// The PostgreSQL store, for several CartBridge instances on one database.
///
/// Three connection pools: queries, cart locks, key locks. A lock is a session advisory lock held on a leased
/// connection for the whole request; sharing a pool, lock holders could take every connection while their
/// bodies wait for another, and deadlock. Here a key-lock holder waits only for cart-lock connections, and a
/// cart-lock holder only for query connections. Within this process a cart or key is locked in memory first,
/// so each holds at most one connection here. A crashed instance's locks die with its connections.
struct PostgresStore: BridgeStore {
    private let data: PostgresClient
    private let locks: PostgresClient
    private let keyLockConnections: PostgresClient
    private let cartLocks = CartLocks()
    private let keyLocks = CartLocks()
    private let gate = AccessGate()
    let logger: Logger

    /// Runs the pools for as long as `body` runs; migrations are applied first.
    static func withStore<T>(
        _ location: PostgresLocation, options: StoreOptions, logger: Logger,
        _ body: (any BridgeStore) async throws -> T
    ) async throws -> T {
        let data = PostgresClient(
            configuration: configuration(location, maxConnections: options.maxConnections), backgroundLogger: logger)
        // Every blocking lock statement on these connections sets its own lock_timeout (the caller's wait).
        let lockConfiguration = configuration(location, maxConnections: options.maxLockConnections)
        let locks = PostgresClient(configuration: lockConfiguration, backgroundLogger: logger)
        let keyLocks = PostgresClient(configuration: lockConfiguration, backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await data.run() }
            group.addTask { await locks.run() }
            group.addTask { await keyLocks.run() }
            defer { group.cancelAll() }
            let store = PostgresStore(data: data, locks: locks, keyLockConnections: keyLocks, logger: logger)
            try await store.migrate()
            logger.info(
                "opened PostgreSQL store",
                metadata: ["host": "\(location.host)", "port": "\(location.port)", "database": "\(location.database)"])
            return try await BridgeStores.closing(store, body)
        }
    }

    private static func configuration(_ location: PostgresLocation, maxConnections: Int) -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS =
            switch location.tls {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: tls)
        configuration.options.maximumConnections = maxConnections
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    func migrate() async throws(StoreError) {
        // The pool retries connecting forever; a database that cannot be reached at start-up should stop it.
        let applied = try await run("migrate", deadline: .seconds(20)) { [data, logger] in
            try await PostgresSchema.migrate(data, now: Date(), logger: logger)
        }
        for migration in applied {
            logger.notice(
                "applied store migration", metadata: ["version": "\(migration.version)", "migration": "\(migration.name)"])
        }
    }

    // Carts lock the bigint advisory key space, idempotency keys the (int, int) one: the two never collide.

    func withCartLock<T: Sendable>(
        _ cartID: String, waitingAtMost wait: Duration, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T? {
        let deadline = ContinuousClock.now + wait
        let held: T?? = try await cartLocks.withLock(cartID, waitingAtMost: wait) {
            try await withLockConnection(until: deadline) { connection -> T? in
                // Uncontended (the usual case) costs one round trip; a held lock is waited for only as long as
                // the caller's wait has left, through this session's lock_timeout.
                var acquired = try await Self.lock(
                    "SELECT pg_try_advisory_lock(hashtextextended(\(cartID), 0))", on: connection, logger: logger)
                if !acquired {
                    let (seconds, attoseconds) = (deadline - ContinuousClock.now).components
                    let remaining = max(1, seconds * 1000 + attoseconds / 1_000_000_000_000_000)
                    acquired = try await Self.lockWaiting(
                        "SELECT true FROM pg_advisory_lock(hashtextextended(\(cartID), 0))", milliseconds: remaining,
                        on: connection, logger: logger)
                }
                guard acquired else { return nil }
                return try await holding(
                    on: connection, unlock: "SELECT pg_advisory_unlock(hashtextextended(\(cartID), 0))", body)
            }
        }
        return held ?? nil
    }

    /// Runs `body` on a lock connection leased before `deadline`, or returns nil when none could be had by then
    /// (every lock connection holding another cart, or the database unreachable): the pool itself would wait
    /// for ever.
    private func withLockConnection<T: Sendable>(
        until deadline: ContinuousClock.Instant, _ body: @escaping @Sendable (PostgresConnection) async throws -> T?
    ) async throws -> T? {
        let lease = LeaseDeadline()
        return try await withThrowingTaskGroup(of: LeaseDeadline.Outcome<T>.self) { group in
            group.addTask { [locks] in
                .finished(
                    try await locks.withConnection { connection -> T? in
                        // Leased after the deadline: give the connection straight back.
                        guard lease.begin() else { return nil }
                        return try await body(connection)
                    })
            }
            group.addTask {
                try? await Task.sleep(until: deadline, clock: .continuous)
                return lease.expire() ? .expired : .stillRunning
            }
            while let outcome = try await group.next() {
                switch outcome {
                case .finished(let value):
                    group.cancelAll()
                    return value
                case .expired:
                    // The waiting lease is cancelled; its result is discarded when the group ends.
                    group.cancelAll()
                    return nil
                case .stillRunning:
                    continue
                }
            }
            return nil
        }
    }

    func withIdempotencyKeyLock<T: Sendable>(_ key: String, _ body: @Sendable () async throws -> T) async throws -> T? {
        let held: T?? = try await keyLocks.withLockIfFree(key) {
            try await keyLockConnections.withConnection { connection -> T? in
                let acquired = try await Self.lock(
                    "SELECT pg_try_advisory_lock(\(Self.keyLockClass), hashtext(\(key)))", on: connection, logger: logger)
                guard acquired else { return nil }
                return try await holding(
                    on: connection, unlock: "SELECT pg_advisory_unlock(\(Self.keyLockClass), hashtext(\(key)))", body)
            }
        }
        return held ?? nil
    }

    /// The first half of every idempotency key's advisory lock.
    private static let keyLockClass: Int32 = 0x4B45_5931

    /// Runs a lock statement and returns its boolean answer (the blocking form answers true once it holds
    /// the lock). A failure, such as `lock_timeout` (a conflict), is a `StoreError`.
    @discardableResult
    private static func lock(_ statement: PostgresQuery, on connection: PostgresConnection, logger: Logger)
        async throws(StoreError) -> Bool
    {
        do {
            let rows = try await connection.query(statement, logger: logger)
            for try await acquired in rows.decode(Bool.self) { return acquired }
            throw StoreError.corrupt("a lock statement answered no row")
        } catch {
            throw StoreError(postgres: error, while: "take a lock")
        }
    }

    /// Runs a blocking lock statement under a `lock_timeout` of `milliseconds`; false when the timeout ran out
    /// first. The setting stays on the session: every blocking lock on these connections sets its own.
    private static func lockWaiting(
        _ statement: PostgresQuery, milliseconds: Int64, on connection: PostgresConnection, logger: Logger
    ) async throws(StoreError) -> Bool {
        do {
            try await connection.query("SELECT set_config('lock_timeout', \("\(milliseconds)"), false)", logger: logger)
        } catch {
            throw StoreError(postgres: error, while: "set lock_timeout")
        }
        do {
            return try await lock(statement, on: connection, logger: logger)
        } catch where error.kind == .conflict {
            return false
        }
    }

    /// Runs `body` while `connection` holds an advisory lock, and unlocks however it ends. When the unlock
    /// fails the connection is closed, which ends its session and so the lock, rather than going back to the
    /// pool still holding it; the body's outcome stands either way.
    private func holding<T: Sendable>(
        on connection: PostgresConnection, unlock: PostgresQuery, _ body: @Sendable () async throws -> T
    ) async throws -> T {
        let result: Result<T, any Error>
        do {
            result = .success(try await body())
        } catch {
            result = .failure(error)
        }
        do {
            try await connection.query(unlock, logger: logger)
        } catch {
            logger.warning("could not release an advisory lock; closing its connection", metadata: ["error": "\(error)"])
            try? await connection.close()
        }
        return try result.get()
    }

    func ping() async throws(StoreError) {
        try await run("ping", deadline: .seconds(2)) { [data] in try await data.query("SELECT 1") }
    }

    func close() async throws(StoreError) {
        // The pools stop when `withStore` ends; closing only drains the work in flight.
        _ = await gate.close()
    }

    /// Runs database work through the gate, turning every failure into a `StoreError`.
    func run<T: Sendable>(
        _ action: String, deadline: Duration? = nil, _ work: @escaping @Sendable () async throws -> T
    ) async throws(StoreError) -> T {
        try await gate.run { () async throws(StoreError) -> T in
            do {
                guard let deadline else { return try await work() }
                return try await Self.withDeadline(deadline, action: action, work)
            } catch {
                throw StoreError(postgres: error, while: action)
            }
        }
    }

    private static func withDeadline<T: Sendable>(
        _ deadline: Duration, action: String, _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await work() }
            group.addTask {
                try await Task.sleep(for: deadline)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw StoreError.unavailable("PostgreSQL did not answer within \(deadline) (\(action))")
            }
            return value
        }
    }

    func query(_ action: String, _ query: PostgresQuery) async throws(StoreError) -> [PostgresRow] {
        try await run(action) { [data, logger] in
            var rows: [PostgresRow] = []
            for try await row in try await data.query(query, logger: logger) { rows.append(row) }
            return rows
        }
    }

    func transaction<T: Sendable>(
        _ action: String, _ work: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws(StoreError) -> T {
        try await run(action) { [data, logger] in
            try await data.withTransaction(logger: logger) { connection in try await work(connection) }
        }
    }
}
