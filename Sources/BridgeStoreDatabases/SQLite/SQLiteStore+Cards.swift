import BridgeStore
import Foundation
import GRDB

extension SQLiteStore {
    func putCard(_ card: StoredCard) async throws(StoreError) {
        try await write("store card") { db in
            try db.execute(
                sql: """
                    INSERT INTO payment_cards (cart_id, session_id, jwe, kid, expires_at, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (cart_id) DO UPDATE SET
                        session_id = excluded.session_id, jwe = excluded.jwe, kid = excluded.kid,
                        expires_at = excluded.expires_at, created_at = excluded.created_at
                    """,
                arguments: [
                    card.cartID, card.sessionID, card.jwe, card.kid,
                    card.expiresAt.storedMilliseconds, card.createdAt.storedMilliseconds,
                ]
            )
        }
    }

    func card(cartID: String, now: Date) async throws(StoreError) -> StoredCard? {
        try await read("read card") { db in
            try Row.fetchOne(
                db,
                sql: "SELECT \(StoredCard.columns) FROM payment_cards WHERE cart_id = ? AND expires_at > ?",
                arguments: [cartID, now.storedMilliseconds]
            )
            .map(StoredCard.init(row:))
        }
    }

    func deleteCard(cartID: String) async throws(StoreError) {
        try await write("delete card") { db in
            try db.execute(sql: "DELETE FROM payment_cards WHERE cart_id = ?", arguments: [cartID])
        }
    }

    func deleteExpiredCards(now: Date) async throws(StoreError) -> Int {
        try await write("delete expired cards") { db in
            try db.execute(sql: "DELETE FROM payment_cards WHERE expires_at <= ?", arguments: [now.storedMilliseconds])
            return db.changesCount
        }
    }
}
