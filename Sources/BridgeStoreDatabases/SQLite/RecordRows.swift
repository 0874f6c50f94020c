import BridgeStore
import Foundation
import GRDB

// The column lists the stores select, and the records built from them. A NULL or mistyped value throws
// (a `RowDecodingError`, reported as `.corrupt`) instead of trapping.

extension CartRecord {
    static let columns = "id, version, body, created_at, updated_at, completed_at"

    init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"),
            version: try row.decode(forColumn: "version"),
            body: try row.decode(forColumn: "body"),
            createdAt: Date(storedMilliseconds: try row.decode(forColumn: "created_at")),
            updatedAt: Date(storedMilliseconds: try row.decode(forColumn: "updated_at")),
            completedAt: (try row.decode(Int64?.self, forColumn: "completed_at")).map(Date.init(storedMilliseconds:))
        )
    }
}

extension StoredCard {
    static let columns = "cart_id, session_id, jwe, kid, expires_at, created_at"

    init(row: Row) throws {
        self.init(
            cartID: try row.decode(forColumn: "cart_id"),
            sessionID: try row.decode(forColumn: "session_id"),
            jwe: try row.decode(forColumn: "jwe"),
            kid: try row.decode(forColumn: "kid"),
            expiresAt: Date(storedMilliseconds: try row.decode(forColumn: "expires_at")),
            createdAt: Date(storedMilliseconds: try row.decode(forColumn: "created_at"))
        )
    }
}

extension OrderRecord {
    static let columns = "id, display_id, cart_id, email, customer_id, body, created_at"

    init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"),
            displayID: try row.decode(forColumn: "display_id"),
            cartID: try row.decode(forColumn: "cart_id"),
            email: try row.decode(forColumn: "email"),
            customerID: try row.decode(forColumn: "customer_id"),
            body: try row.decode(forColumn: "body"),
            createdAt: Date(storedMilliseconds: try row.decode(forColumn: "created_at"))
        )
    }
}

extension CustomerRecord {
    static let columns = "id, email, password_hash, body, version, created_at, updated_at"

    init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"),
            email: try row.decode(forColumn: "email"),
            passwordHash: try row.decode(forColumn: "password_hash"),
            body: try row.decode(forColumn: "body"),
            version: try row.decode(forColumn: "version"),
            createdAt: Date(storedMilliseconds: try row.decode(forColumn: "created_at")),
            updatedAt: Date(storedMilliseconds: try row.decode(forColumn: "updated_at"))
        )
    }
}

extension IdempotencyRecord {
    static let columns = "key, cart_id, route, fingerprint, recovery_point, response, created_at, updated_at"

    init(row: Row) throws {
        let response: Data? = try row.decode(forColumn: "response")
        self.init(
            key: try row.decode(forColumn: "key"),
            cartID: try row.decode(forColumn: "cart_id"),
            route: try row.decode(forColumn: "route"),
            fingerprint: try row.decode(forColumn: "fingerprint"),
            recoveryPoint: try row.decode(forColumn: "recovery_point"),
            response: try response.map(StoredResponse.decodeStored),
            createdAt: Date(storedMilliseconds: try row.decode(forColumn: "created_at")),
            updatedAt: Date(storedMilliseconds: try row.decode(forColumn: "updated_at"))
        )
    }
}
