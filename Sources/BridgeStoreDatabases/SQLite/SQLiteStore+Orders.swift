import BridgeStore
import GRDB

extension SQLiteStore {
    func insertOrder(_ order: NewOrder) async throws(StoreError) -> OrderRecord {
        try await write("insert order") { db in
            // The UNIQUE cart_id decides whether this call creates the order; only then is the counter
            // advanced, in the same transaction, so display ids have no gaps and are never handed out twice.
            try db.execute(
                sql: """
                    INSERT INTO orders (id, display_id, cart_id, email, email_lowercased, customer_id, body, created_at)
                    VALUES (?, (SELECT value + 1 FROM counters WHERE name = 'order_display_id'), ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (cart_id) DO NOTHING
                    """,
                arguments: [
                    order.id, order.cartID, order.email, order.email?.lowercased(), order.customerID, order.body,
                    order.createdAt.storedMilliseconds,
                ]
            )
            if db.changesCount == 1 {
                try db.execute(sql: "UPDATE counters SET value = value + 1 WHERE name = 'order_display_id'")
            }
            guard let row = try Self.orderRow(db, where: "cart_id = ?", order.cartID) else {
                throw StoreError.corrupt("order of cart \(order.cartID) vanished while it was inserted")
            }
            return try OrderRecord(row: row)
        }
    }

    func order(id: String) async throws(StoreError) -> OrderRecord? {
        try await read("read order") { db in
            try Self.orderRow(db, where: "id = ?", id).map(OrderRecord.init(row:))
        }
    }

    func order(cartID: String) async throws(StoreError) -> OrderRecord? {
        try await read("read order of cart") { db in
            try Self.orderRow(db, where: "cart_id = ?", cartID).map(OrderRecord.init(row:))
        }
    }

    func order(displayID: Int, email: String) async throws(StoreError) -> OrderRecord? {
        let order = try await read("read order by display id") { db in
            try Self.orderRow(db, where: "display_id = ?", displayID).map(OrderRecord.init(row:))
        }
        // Compared here rather than with SQLite's NOCASE, which folds ASCII letters only.
        guard let order, order.email?.lowercased() == email.lowercased() else {
            return nil
        }
        return order
    }

    private static func orderRow(_ db: Database, where condition: String, _ value: some DatabaseValueConvertible) throws -> Row? {
        try Row.fetchOne(db, sql: "SELECT \(OrderRecord.columns) FROM orders WHERE \(condition)", arguments: [value])
    }
}
