import BridgeStore
import Foundation
import Logging
import NIOPosix
import PostgresNIO

/// A database of its own per test, created through the admin URL and dropped afterwards.
public struct PostgresTestDatabase: Sendable {
    public let admin: PostgresLocation
    public let name: String

    public var url: String {
        "postgres://\(admin.user):\(admin.password ?? "")@\(admin.host):\(admin.port)/\(name)?sslmode=disable"
    }

    /// The admin URL tests get: `CARTBRIDGE_TEST_POSTGRES_URL`, or nil when PostgreSQL tests are off.
    public static var adminURL: String? {
        ProcessInfo.processInfo.environment["CARTBRIDGE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public static func create(adminURL: String) async throws -> PostgresTestDatabase {
        guard case .postgres(let admin) = try StorageURL(parsing: adminURL) else {
            throw StoreError.invalidConfiguration("CARTBRIDGE_TEST_POSTGRES_URL is not a postgres:// URL")
        }
        let database = PostgresTestDatabase(
            admin: admin, name: "cartbridge_test_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))")
        try await database.execute("CREATE DATABASE \(database.name)")
        return database
    }

    public func drop() async throws {
        try await execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Returns once `count` advisory-lock requests in this database wait for a holder (polling; 10 s at most).
    public func waitForBlockedAdvisoryLocks(_ count: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            let waiting = try await execute(
                """
                SELECT count(*) FROM pg_locks JOIN pg_database ON pg_database.oid = pg_locks.database
                WHERE locktype = 'advisory' AND NOT granted AND datname = '\(name)'
                """)
            if waiting >= count { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw StoreError.unavailable("no advisory lock waited within 10 s")
    }

    /// Runs `statements` in order in this test database, outside any store: for a test that sets up what an
    /// older release left.
    public func run(_ statements: [String]) async throws {
        for statement in statements {
            try await execute(statement, in: name)
        }
    }

    /// Runs `sql` on `database` (the admin database when nil); returns the first column of the first row when
    /// it is a number.
    @discardableResult
    private func execute(_ sql: String, in database: String? = nil) async throws -> Int {
        let logger = Logger(label: "PostgresTestDatabase")
        let connection = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(),
            configuration: PostgresConnection.Configuration(
                host: admin.host, port: admin.port, username: admin.user, password: admin.password,
                database: database ?? admin.database, tls: .disable),
            id: 1, logger: logger)
        do {
            var first = 0
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) {
                first = (try? row.decode(Int.self)) ?? 0
            }
            try await connection.close()
            return first
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
