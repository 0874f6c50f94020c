import BridgeStore
import Foundation
import GRDB

/// Ordered, append-only schema migrations, recorded in `schema_migrations`.
/// Dates are INTEGER milliseconds since 1970-01-01 UTC; documents are BLOBs of JSON.
enum SQLiteSchema {
    struct Migration: Sendable {
        let version: Int
        let name: String
        let sql: String
        /// Work SQL cannot do, run after `sql` in the same transaction.
        var backfill: (@Sendable (Database) throws -> Void)? = nil
    }

    static let migrations = [
        Migration(
            version: 1,
            name: "carts, payment cards, orders",
            sql: """
                CREATE TABLE carts (
                    id TEXT PRIMARY KEY NOT NULL,
                    version INTEGER NOT NULL,
                    body BLOB NOT NULL,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    completed_at INTEGER
                ) STRICT;

                CREATE TABLE payment_cards (
                    cart_id TEXT PRIMARY KEY NOT NULL,
                    session_id TEXT NOT NULL,
                    jwe TEXT NOT NULL,
                    kid TEXT NOT NULL,
                    expires_at INTEGER NOT NULL,
                    created_at INTEGER NOT NULL
                ) STRICT;
                CREATE INDEX payment_cards_expires_at ON payment_cards (expires_at);

                CREATE TABLE orders (
                    id TEXT PRIMARY KEY NOT NULL,
                    display_id INTEGER NOT NULL UNIQUE,
                    cart_id TEXT NOT NULL UNIQUE,
                    email TEXT,
                    body BLOB NOT NULL,
                    created_at INTEGER NOT NULL
                ) STRICT;

                -- The last value handed out, per sequence. It only grows, so a display id is never
                -- reused, even after the order holding it is deleted.
                CREATE TABLE counters (
                    name TEXT PRIMARY KEY NOT NULL,
                    value INTEGER NOT NULL
                ) STRICT;
                INSERT INTO counters (name, value) VALUES ('order_display_id', 0);
                """
        ),
        Migration(
            version: 2,
            name: "idempotency records",
            sql: """
                CREATE TABLE idempotency_records (
                    key TEXT PRIMARY KEY NOT NULL,
                    cart_id TEXT NOT NULL,
                    route TEXT NOT NULL,
                    fingerprint TEXT NOT NULL,
                    recovery_point TEXT NOT NULL,
                    response BLOB,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                ) STRICT;
                CREATE INDEX idempotency_records_created_at ON idempotency_records (created_at);
                """
        ),
        Migration(
            version: 3,
            name: "customers, orders by customer and email",
            sql: """
                -- email is stored lower-cased (by the store, in Swift), so UNIQUE makes it unique in any case.
                CREATE TABLE customers (
                    id TEXT PRIMARY KEY NOT NULL,
                    email TEXT NOT NULL UNIQUE,
                    password_hash TEXT NOT NULL,
                    body BLOB NOT NULL,
                    version INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                ) STRICT;

                -- email_lowercased: the email as the store compares it, lower-cased in Swift, since SQLite's
                -- lower() and NOCASE fold ASCII letters only.
                ALTER TABLE orders ADD COLUMN customer_id TEXT;
                ALTER TABLE orders ADD COLUMN email_lowercased TEXT;
                CREATE INDEX orders_customer_id ON orders (customer_id);
                CREATE INDEX orders_email_lowercased ON orders (email_lowercased);
                """,
            backfill: lowercaseOrderEmails
        ),
    ]

    /// Fills `orders.email_lowercased` for the orders recorded before the column existed.
    private static func lowercaseOrderEmails(_ db: Database) throws {
        let orders = try Row.fetchAll(db, sql: "SELECT id, email FROM orders WHERE email IS NOT NULL")
        let update = try db.makeStatement(sql: "UPDATE orders SET email_lowercased = ? WHERE id = ?")
        for order in orders {
            let email: String = try order.decode(forColumn: "email")
            let id: String = try order.decode(forColumn: "id")
            try update.execute(arguments: [email.lowercased(), id])
        }
    }

    /// Applies the migrations not yet recorded, in order, and returns them. Runs inside one write
    /// transaction, so concurrent starts cannot both apply a migration.
    static func migrate(_ db: Database, now: Date) throws -> [Migration] {
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    applied_at INTEGER NOT NULL
                ) STRICT
                """
        )
        let applied = Set(try Int.fetchAll(db, sql: "SELECT version FROM schema_migrations"))
        let known = migrations.last?.version ?? 0
        if let newest = applied.max(), newest > known {
            throw StoreError.invalidConfiguration(
                "the database has schema version \(newest), newer than this build knows (\(known)); upgrade CartBridge"
            )
        }
        let pending = migrations.filter { !applied.contains($0.version) }
        for migration in pending {
            try db.execute(sql: migration.sql)
            try migration.backfill?(db)
            try db.execute(
                sql: "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                arguments: [migration.version, migration.name, now.storedMilliseconds]
            )
        }
        return pending
    }
}
