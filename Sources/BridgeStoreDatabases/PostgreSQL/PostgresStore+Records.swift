import BridgeStore
import Foundation
import NIOCore
import PostgresNIO

extension PostgresStore {
    // MARK: Carts

    func insertCart(_ record: CartRecord) async throws(StoreError) {
        let rows = try await query(
            "insert cart",
            """
            INSERT INTO carts (id, version, body, created_at, updated_at, completed_at)
            VALUES (\(record.id), \(record.version), \(ByteBuffer(data: record.body)),
                    \(record.createdAt.storedMilliseconds), \(record.updatedAt.storedMilliseconds),
                    \(record.completedAt?.storedMilliseconds))
            ON CONFLICT (id) DO NOTHING RETURNING id
            """)
        if rows.isEmpty { throw .duplicate("cart \(record.id) already exists") }
    }

    func cart(id: String) async throws(StoreError) -> CartRecord? {
        try await query("read cart", "SELECT \(unescaped: cartColumns) FROM carts WHERE id = \(id)")
            .first.map(cartRecord)
    }

    func updateCart(_ record: CartRecord) async throws(StoreError) -> CartRecord {
        // The version test and the write are one statement, so two updates from one version cannot both win.
        let updated = try await query(
            "update cart",
            """
            UPDATE carts SET version = version + 1, body = \(ByteBuffer(data: record.body)),
                updated_at = \(record.updatedAt.storedMilliseconds), completed_at = \(record.completedAt?.storedMilliseconds)
            WHERE id = \(record.id) AND version = \(record.version)
            RETURNING \(unescaped: cartColumns)
            """)
        if let row = updated.first { return try cartRecord(row) }
        let stored = try await query("read cart version", "SELECT version FROM carts WHERE id = \(record.id)")
        guard let row = stored.first else { throw .notFound("cart \(record.id) does not exist") }
        throw .conflict("cart \(record.id) is at version \(try decode(row, Int.self)), not \(record.version)")
    }

    // MARK: Cards

    func putCard(_ card: StoredCard) async throws(StoreError) {
        _ = try await query(
            "store card",
            """
            INSERT INTO payment_cards (cart_id, session_id, jwe, kid, expires_at, created_at)
            VALUES (\(card.cartID), \(card.sessionID), \(card.jwe), \(card.kid),
                    \(card.expiresAt.storedMilliseconds), \(card.createdAt.storedMilliseconds))
            ON CONFLICT (cart_id) DO UPDATE SET
                session_id = excluded.session_id, jwe = excluded.jwe, kid = excluded.kid,
                expires_at = excluded.expires_at, created_at = excluded.created_at
            """)
    }

    func card(cartID: String, now: Date) async throws(StoreError) -> StoredCard? {
        try await query(
            "read card",
            """
            SELECT cart_id, session_id, jwe, kid, expires_at, created_at FROM payment_cards
            WHERE cart_id = \(cartID) AND expires_at > \(now.storedMilliseconds)
            """
        )
        .first.map { row throws(StoreError) in
            let (cartID, sessionID, jwe, kid, expiresAt, createdAt) = try decode(
                row, (String, String, String, String, Int64, Int64).self)
            return StoredCard(
                cartID: cartID, sessionID: sessionID, jwe: jwe, kid: kid,
                expiresAt: Date(storedMilliseconds: expiresAt), createdAt: Date(storedMilliseconds: createdAt))
        }
    }

    func deleteCard(cartID: String) async throws(StoreError) {
        _ = try await query("delete card", "DELETE FROM payment_cards WHERE cart_id = \(cartID)")
    }

    func deleteExpiredCards(now: Date) async throws(StoreError) -> Int {
        try await count(
            "delete expired cards",
            "WITH gone AS (DELETE FROM payment_cards WHERE expires_at <= \(now.storedMilliseconds) RETURNING 1) SELECT count(*) FROM gone")
    }

    // MARK: Orders

    func insertOrder(_ order: NewOrder) async throws(StoreError) -> OrderRecord {
        let logger = logger
        do {
            return try await transaction("insert order") { connection in
                if let existing = try await Self.orderRow(connection, logger: logger, cartID: order.cartID) {
                    return existing
                }
                let next = try await connection.query(
                    "UPDATE counters SET value = value + 1 WHERE name = 'order_display_id' RETURNING value",
                    logger: logger
                ).decode(Int.self).first(where: { _ in true })
                guard let displayID = next else { throw StoreError.corrupt("the order counter is missing") }
                try await connection.query(
                    """
                    INSERT INTO orders (id, display_id, cart_id, email, email_lowercased, customer_id, body, created_at)
                    VALUES (\(order.id), \(displayID), \(order.cartID), \(order.email), \(order.email?.lowercased()),
                            \(order.customerID), \(ByteBuffer(data: order.body)), \(order.createdAt.storedMilliseconds))
                    """, logger: logger)
                return OrderRecord(
                    id: order.id, displayID: displayID, cartID: order.cartID, email: order.email,
                    customerID: order.customerID, body: order.body,
                    createdAt: Date(storedMilliseconds: order.createdAt.storedMilliseconds))
            }
        } catch where error.kind == .duplicate && error.message.contains("orders_cart_id_key") {
            // Another instance recorded this cart's order first: one order per cart, and it is that one.
            guard let existing = try await self.order(cartID: order.cartID) else { throw error }
            return existing
        } catch where error.kind == .duplicate {
            throw .duplicate("order \(order.id) already exists")
        }
    }

    func order(id: String) async throws(StoreError) -> OrderRecord? {
        try await query("read order", "SELECT \(unescaped: orderColumns) FROM orders WHERE id = \(id)")
            .first.map(orderRecord)
    }

    func order(cartID: String) async throws(StoreError) -> OrderRecord? {
        try await query("read order of cart", "SELECT \(unescaped: orderColumns) FROM orders WHERE cart_id = \(cartID)")
            .first.map(orderRecord)
    }

    func order(displayID: Int, email: String) async throws(StoreError) -> OrderRecord? {
        let order = try await query(
            "read order by display id", "SELECT \(unescaped: orderColumns) FROM orders WHERE display_id = \(displayID)"
        ).first.map(orderRecord)
        guard let order, order.email?.lowercased() == email.lowercased() else { return nil }
        return order
    }

    private static func orderRow(_ connection: PostgresConnection, logger: Logger, cartID: String) async throws
        -> OrderRecord?
    {
        let rows = try await connection.query(
            "SELECT \(unescaped: orderColumnList) FROM orders WHERE cart_id = \(cartID)", logger: logger)
        for try await row in rows { return try orderRecord(from: row) }
        return nil
    }

    // MARK: Idempotency records

    func insertIdempotencyRecord(_ record: IdempotencyRecord) async throws(StoreError) -> IdempotencyInsertion {
        let response = try record.response?.encodedForStorage()
        let inserted = try await query(
            "insert idempotency record",
            """
            INSERT INTO idempotency_records (\(unescaped: IdempotencyRecord.columns))
            VALUES (\(record.key), \(record.cartID), \(record.route), \(record.fingerprint), \(record.recoveryPoint),
                    \(response.map { ByteBuffer(data: $0) }), \(record.createdAt.storedMilliseconds),
                    \(record.updatedAt.storedMilliseconds))
            ON CONFLICT (key) DO NOTHING RETURNING key
            """)
        if !inserted.isEmpty { return .inserted }
        guard let existing = try await idempotencyRecord(key: record.key) else {
            // Swept between the two statements: the key is free again.
            return try await insertIdempotencyRecord(record)
        }
        return .existing(existing)
    }

    func idempotencyRecord(key: String) async throws(StoreError) -> IdempotencyRecord? {
        try await query(
            "read idempotency record",
            "SELECT \(unescaped: IdempotencyRecord.columns) FROM idempotency_records WHERE key = \(key)"
        ).first.map(idempotencyRecord)
    }

    func finishIdempotencyRecord(key: String, response: StoredResponse, now: Date) async throws(StoreError)
        -> IdempotencyRecord
    {
        let encoded = ByteBuffer(data: try response.encodedForStorage())
        _ = try await query(
            "store idempotent response",
            """
            UPDATE idempotency_records SET response = \(encoded), recovery_point = 'finished',
                updated_at = \(now.storedMilliseconds)
            WHERE key = \(key) AND response IS NULL
            """)
        guard let stored = try await idempotencyRecord(key: key) else {
            throw .notFound("no idempotency record with that key")
        }
        return stored
    }

    func deleteIdempotencyRecords(createdBefore cutoff: Date) async throws(StoreError) -> Int {
        try await count(
            "delete old idempotency records",
            """
            WITH gone AS (DELETE FROM idempotency_records WHERE created_at <= \(cutoff.storedMilliseconds) RETURNING 1)
            SELECT count(*) FROM gone
            """)
    }
}
