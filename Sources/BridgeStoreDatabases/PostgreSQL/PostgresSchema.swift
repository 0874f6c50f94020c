import BridgeStore
import Foundation
import Logging
import PostgresNIO

/// The same tables as `SQLiteSchema`, in PostgreSQL types: dates are BIGINT milliseconds, documents BYTEA.
/// Migrations run in one transaction under an advisory lock, so instances starting together apply each once.
enum PostgresSchema {
    struct Migration: Sendable {
        let version: Int
        let name: String
        let statements: [String]
        /// Work SQL cannot do, run after `statements` in the same transaction.
        var backfill: (@Sendable (PostgresConnection, Logger) async throws -> Void)? = nil
    }

    static let migrations = [
        Migration(
            version: 1, name: "carts, payment cards, orders",
            statements: [
                """
                CREATE TABLE carts (
                    id TEXT PRIMARY KEY, version BIGINT NOT NULL, body BYTEA NOT NULL,
                    created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, completed_at BIGINT)
                """,
                """
                CREATE TABLE payment_cards (
                    cart_id TEXT PRIMARY KEY, session_id TEXT NOT NULL, jwe TEXT NOT NULL, kid TEXT NOT NULL,
                    expires_at BIGINT NOT NULL, created_at BIGINT NOT NULL)
                """,
                "CREATE INDEX payment_cards_expires_at ON payment_cards (expires_at)",
                """
                CREATE TABLE orders (
                    id TEXT PRIMARY KEY, display_id BIGINT NOT NULL UNIQUE, cart_id TEXT NOT NULL UNIQUE,
                    email TEXT, body BYTEA NOT NULL, created_at BIGINT NOT NULL)
                """,
                // A counter row rather than a sequence: a sequence skips values on rollback; this, like the
                // SQLite store, hands out 1, 2, 3… and never reuses one.
                "CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
                "INSERT INTO counters (name, value) VALUES ('order_display_id', 0)",
            ]),
        Migration(
            version: 2, name: "idempotency records",
            statements: [
                """
                CREATE TABLE idempotency_records (
                    key TEXT PRIMARY KEY, cart_id TEXT NOT NULL, route TEXT NOT NULL, fingerprint TEXT NOT NULL,
                    recovery_point TEXT NOT NULL, response BYTEA,
                    created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
                """,
                "CREATE INDEX idempotency_records_created_at ON idempotency_records (created_at)",
            ]),
        Migration(
            version: 3, name: "customers, orders by customer and email",
            statements: [
                // email is stored lower-cased (by the store, in Swift), so UNIQUE makes it unique in any case.
                """
                CREATE TABLE customers (
                    id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL, body BYTEA NOT NULL,
                    version BIGINT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
                """,
                // email_lowercased: the email as the store compares it, lower-cased in Swift as in the SQLite
                // store, rather than by lower(), whose folding depends on the database's collation.
                "ALTER TABLE orders ADD COLUMN customer_id TEXT, ADD COLUMN email_lowercased TEXT",
                "CREATE INDEX orders_customer_id ON orders (customer_id)",
                "CREATE INDEX orders_email_lowercased ON orders (email_lowercased)",
            ],
            backfill: lowercaseOrderEmails),
    ]

    /// Fills `orders.email_lowercased` for the orders recorded before the column existed, in one statement.
    private static func lowercaseOrderEmails(_ connection: PostgresConnection, logger: Logger) async throws {
        var ids: [String] = []
        var emails: [String] = []
        let orders = try await connection.query("SELECT id, email FROM orders WHERE email IS NOT NULL", logger: logger)
        for try await (id, email) in orders.decode((String, String).self) {
            ids.append(id)
            emails.append(email.lowercased())
        }
        try await connection.query(
            """
            UPDATE orders SET email_lowercased = lowercased.email
            FROM unnest(\(ids)::text[], \(emails)::text[]) AS lowercased (id, email)
            WHERE orders.id = lowercased.id
            """, logger: logger)
    }

    /// An arbitrary constant: the advisory lock that serializes migrations across instances.
    private static let migrationLock: Int64 = 0x4361_7274_4272_6467

    static func migrate(_ client: PostgresClient, now: Date, logger: Logger) async throws -> [Migration] {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(migrationLock))", logger: logger)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)
                """, logger: logger)
            var applied = Set<Int>()
            for try await version in try await connection.query("SELECT version FROM schema_migrations", logger: logger)
                .decode(Int.self)
            {
                applied.insert(version)
            }
            let known = migrations.last?.version ?? 0
            if let newest = applied.max(), newest > known {
                throw StoreError.invalidConfiguration(
                    "the database has schema version \(newest), newer than this build knows (\(known)); upgrade CartBridge")
            }
            let pending = migrations.filter { !applied.contains($0.version) }
            for migration in pending {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await migration.backfill?(connection, logger)
                try await connection.query(
                    """
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (\(migration.version), \(migration.name), \(now.storedMilliseconds))
                    """, logger: logger)
            }
            return pending
        }
    }
}
