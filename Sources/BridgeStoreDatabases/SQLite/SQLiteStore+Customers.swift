import BridgeStore
import GRDB

extension SQLiteStore {
    func insertCustomer(_ record: CustomerRecord) async throws(StoreError) {
        try await write("insert customer") { db in
            // Without a conflict target, the primary key and the UNIQUE email both end in DO NOTHING.
            try db.execute(
                sql: """
                    INSERT INTO customers (\(CustomerRecord.columns))
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING
                    """,
                arguments: [
                    record.id, record.email.lowercased(), record.passwordHash, record.body, record.version,
                    record.createdAt.storedMilliseconds, record.updatedAt.storedMilliseconds,
                ]
            )
            if db.changesCount == 0 {
                throw StoreError.duplicate("customer \(record.id), or one with its email, already exists")
            }
        }
    }

    func customer(id: String) async throws(StoreError) -> CustomerRecord? {
        try await read("read customer") { db in try Self.customerRow(db, where: "id = ?", id) }
    }

    func customer(email: String) async throws(StoreError) -> CustomerRecord? {
        try await read("read customer by email") { db in try Self.customerRow(db, where: "email = ?", email.lowercased()) }
    }

    func updateCustomer(_ record: CustomerRecord) async throws(StoreError) -> CustomerRecord {
        try await write("update customer") { db in
            // As for carts: the version test and the write are one statement. An email another customer has
            // fails the UNIQUE constraint, reported as `.duplicate`.
            let updated = try Row.fetchOne(
                db,
                sql: """
                    UPDATE customers SET version = version + 1, email = ?, password_hash = ?, body = ?, updated_at = ?
                    WHERE id = ? AND version = ?
                    RETURNING \(CustomerRecord.columns)
                    """,
                arguments: [
                    record.email.lowercased(), record.passwordHash, record.body, record.updatedAt.storedMilliseconds,
                    record.id, record.version,
                ]
            )
            if let updated {
                return try CustomerRecord(row: updated)
            }
            guard
                let stored = try Int.fetchOne(
                    db, sql: "SELECT version FROM customers WHERE id = ?", arguments: [record.id])
            else {
                throw StoreError.notFound("customer \(record.id) does not exist")
            }
            throw StoreError.conflict("customer \(record.id) is at version \(stored), not \(record.version)")
        }
    }

    func orders(customerID: String, email: String?, limit: Int, offset: Int) async throws(StoreError)
        -> (orders: [OrderRecord], count: Int)
    {
        // One read, so the page and the count see the same orders. Each side of the OR has its own index; a nil
        // email binds NULL, which equals nothing.
        let condition = "customer_id = ? OR (customer_id IS NULL AND email_lowercased = ?)"
        let arguments: StatementArguments = [customerID, email?.lowercased()]
        return try await read("read orders of customer") { db in
            let orders = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(OrderRecord.columns) FROM orders WHERE \(condition)
                    ORDER BY display_id DESC LIMIT ? OFFSET ?
                    """,
                arguments: arguments + [limit, offset]
            )
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM orders WHERE \(condition)", arguments: arguments)
            return (try orders.map(OrderRecord.init(row:)), count ?? 0)
        }
    }

    func assignOrders(ids: [String], toCustomer customerID: String) async throws(StoreError) -> Int {
        guard !ids.isEmpty else {
            return 0
        }
        return try await write("assign orders to customer") { db in
            // Orders the customer has already are left alone, so they are not counted as changed.
            let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
            try db.execute(
                sql: "UPDATE orders SET customer_id = ? WHERE id IN (\(placeholders)) AND customer_id IS NOT ?",
                arguments: StatementArguments([customerID] + ids + [customerID])
            )
            return db.changesCount
        }
    }

    private static func customerRow(_ db: Database, where condition: String, _ value: String) throws -> CustomerRecord? {
        try Row.fetchOne(db, sql: "SELECT \(CustomerRecord.columns) FROM customers WHERE \(condition)", arguments: [value])
            .map(CustomerRecord.init(row:))
    }
}
