@testable import BridgeStoreDatabases
import BridgeStore
import Foundation
import Logging
import StoreTestSupport
import Testing

/// A database left by schema version 2, before customers: its guest orders have no lower-cased email column until
/// migration 3 adds one and fills it (in Swift), so a customer finds them by email after the upgrade.
@Suite("Schema upgrades")
struct SchemaUpgradeTests {
    /// Version 2 recorded as applied, and one order (display id 1) whose email is not lower-case beyond ASCII.
    static func versionTwo(migrations: [String], order: String) -> [String] {
        migrations + [
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, 'v1', 0), (2, 'v2', 0)",
            order,
            "UPDATE counters SET value = 1 WHERE name = 'order_display_id'",
        ]
    }

    static let orderColumns = "INSERT INTO orders (id, display_id, cart_id, email, body, created_at)"

    @Test func aSQLiteDatabaseOfVersionTwoIsUpgraded() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "schema-upgrade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appending(path: "store.sqlite")
        let statements = Self.versionTwo(
            migrations: SQLiteSchema.migrations.prefix(2).map(\.sql),
            order: "\(Self.orderColumns) VALUES ('order_old', 1, 'cart_old', 'ÉMILE@Example.com', CAST('{}' AS BLOB), 0)")
        try SQLiteFixture.restore(script: statements.joined(separator: ";\n"), to: file)

        try await BridgeStores.withStore(url: "sqlite:\(file.path)", logger: Self.logger, Self.expectUpgraded)
    }

    @Test(.enabled(if: PostgresTestDatabase.adminURL != nil, "CARTBRIDGE_TEST_POSTGRES_URL is not set"))
    func aPostgreSQLDatabaseOfVersionTwoIsUpgraded() async throws {
        let database = try await PostgresTestDatabase.create(adminURL: try #require(PostgresTestDatabase.adminURL))
        do {
            try await database.run(
                Self.versionTwo(
                    migrations: PostgresSchema.migrations.prefix(2).flatMap(\.statements),
                    order: "\(Self.orderColumns) VALUES ('order_old', 1, 'cart_old', 'ÉMILE@Example.com', '{}'::bytea, 0)"))
            try await BridgeStores.withStore(url: database.url, logger: Self.logger, Self.expectUpgraded)
        } catch {
            try? await database.drop()
            throw error
        }
        try await database.drop()
    }

    static func expectUpgraded(_ store: any BridgeStore) async throws {
        let old = try #require(try await store.order(id: "order_old"))
        #expect(old.customerID == nil)
        let found = try await store.orders(customerID: "cus_emile", email: "émile@example.com", limit: 10, offset: 0)
        #expect(found.orders == [old])
        #expect(found.count == 1)
        #expect(try await store.insertOrder(newOrder(cartID: "cart_new", customerID: "cus_emile")).displayID == 2)
    }

    static let logger = Logger(label: "SchemaUpgradeTests")
}
