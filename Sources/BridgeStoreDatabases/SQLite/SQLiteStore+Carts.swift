import BridgeStore
import GRDB

extension SQLiteStore {
    func insertCart(_ record: CartRecord) async throws(StoreError) {
        try await write("insert cart") { db in
            try db.execute(
                sql: """
                    INSERT INTO carts (id, version, body, created_at, updated_at, completed_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO NOTHING
                    """,
                arguments: [
                    record.id, record.version, record.body, record.createdAt.storedMilliseconds,
                    record.updatedAt.storedMilliseconds, record.completedAt?.storedMilliseconds,
                ]
            )
            if db.changesCount == 0 {
                throw StoreError.duplicate("cart \(record.id) already exists")
            }
        }
    }

    func cart(id: String) async throws(StoreError) -> CartRecord? {
        try await read("read cart") { db in
            try Row.fetchOne(db, sql: "SELECT \(CartRecord.columns) FROM carts WHERE id = ?", arguments: [id])
                .map(CartRecord.init(row:))
        }
    }

    func updateCart(_ record: CartRecord) async throws(StoreError) -> CartRecord {
        try await write("update cart") { db in
            // The version test and the write are one statement, so two updates from one version cannot both win.
            let updated = try Row.fetchOne(
                db,
                sql: """
                    UPDATE carts SET version = version + 1, body = ?, updated_at = ?, completed_at = ?
                    WHERE id = ? AND version = ?
                    RETURNING \(CartRecord.columns)
                    """,
                arguments: [
                    record.body, record.updatedAt.storedMilliseconds, record.completedAt?.storedMilliseconds,
                    record.id, record.version,
                ]
            )
            if let updated {
                return try CartRecord(row: updated)
            }
            guard let stored = try Int.fetchOne(db, sql: "SELECT version FROM carts WHERE id = ?", arguments: [record.id])
            else {
                throw StoreError.notFound("cart \(record.id) does not exist")
            }
            throw StoreError.conflict("cart \(record.id) is at version \(stored), not \(record.version)")
        }
    }
}
