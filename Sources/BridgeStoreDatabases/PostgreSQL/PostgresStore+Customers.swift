import BridgeStore
import Foundation
import NIOCore
import PostgresNIO

extension PostgresStore {
    func insertCustomer(_ record: CustomerRecord) async throws(StoreError) {
        // Without a conflict target, the primary key and the unique email both end in DO NOTHING.
        let rows = try await query(
            "insert customer",
            """
            INSERT INTO customers (\(unescaped: CustomerRecord.columns))
            VALUES (\(record.id), \(record.email.lowercased()), \(record.passwordHash), \(ByteBuffer(data: record.body)),
                    \(record.version), \(record.createdAt.storedMilliseconds), \(record.updatedAt.storedMilliseconds))
            ON CONFLICT DO NOTHING RETURNING id
            """)
        if rows.isEmpty { throw .duplicate("customer \(record.id), or one with its email, already exists") }
    }

    func customer(id: String) async throws(StoreError) -> CustomerRecord? {
        try await query("read customer", "SELECT \(unescaped: CustomerRecord.columns) FROM customers WHERE id = \(id)")
            .first.map(customerRecord)
    }

    func customer(email: String) async throws(StoreError) -> CustomerRecord? {
        try await query(
            "read customer by email",
            "SELECT \(unescaped: CustomerRecord.columns) FROM customers WHERE email = \(email.lowercased())"
        ).first.map(customerRecord)
    }

    func updateCustomer(_ record: CustomerRecord) async throws(StoreError) -> CustomerRecord {
        // As for carts: the version test and the write are one statement. An email another customer has fails
        // the unique constraint, reported as `.duplicate`.
        let updated = try await query(
            "update customer",
            """
            UPDATE customers SET version = version + 1, email = \(record.email.lowercased()),
                password_hash = \(record.passwordHash), body = \(ByteBuffer(data: record.body)),
                updated_at = \(record.updatedAt.storedMilliseconds)
            WHERE id = \(record.id) AND version = \(record.version)
            RETURNING \(unescaped: CustomerRecord.columns)
            """)
        if let row = updated.first { return try customerRecord(row) }
        let stored = try await query("read customer version", "SELECT version FROM customers WHERE id = \(record.id)")
        guard let row = stored.first else { throw .notFound("customer \(record.id) does not exist") }
        throw .conflict("customer \(record.id) is at version \(try decode(row, Int.self)), not \(record.version)")
    }

    func orders(customerID: String, email: String?, limit: Int, offset: Int) async throws(StoreError)
        -> (orders: [OrderRecord], count: Int)
    {
        // Each side of the OR has its own index; a nil email binds NULL, which equals nothing.
        let email = email?.lowercased()
        let page = try await query(
            "read orders of customer",
            """
            SELECT \(unescaped: orderColumns) FROM orders
            WHERE customer_id = \(customerID) OR (customer_id IS NULL AND email_lowercased = \(email))
            ORDER BY display_id DESC LIMIT \(limit) OFFSET \(offset)
            """)
        let count = try await count(
            "count orders of customer",
            """
            SELECT count(*) FROM orders
            WHERE customer_id = \(customerID) OR (customer_id IS NULL AND email_lowercased = \(email))
            """)
        return (try page.map(orderRecord), count)
    }

    func assignOrders(ids: [String], toCustomer customerID: String) async throws(StoreError) -> Int {
        // Orders the customer has already are left alone, so they are not counted as changed.
        try await count(
            "assign orders to customer",
            """
            WITH changed AS (
                UPDATE orders SET customer_id = \(customerID)
                WHERE id = ANY(\(ids)) AND customer_id IS DISTINCT FROM \(customerID)
                RETURNING 1)
            SELECT count(*) FROM changed
            """)
    }
}
