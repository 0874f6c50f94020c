import BridgeStore
import Foundation
import GRDB

extension SQLiteStore {
    func insertIdempotencyRecord(_ record: IdempotencyRecord) async throws(StoreError) -> IdempotencyInsertion {
        let response = try record.response?.encodedForStorage()
        return try await write("insert idempotency record") { db in
            if let existing = try Self.idempotencyRecord(db, key: record.key) {
                return .existing(existing)
            }
            try db.execute(
                sql: """
                    INSERT INTO idempotency_records (\(IdempotencyRecord.columns))
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    record.key, record.cartID, record.route, record.fingerprint, record.recoveryPoint, response,
                    record.createdAt.storedMilliseconds, record.updatedAt.storedMilliseconds,
                ]
            )
            return .inserted
        }
    }

    func idempotencyRecord(key: String) async throws(StoreError) -> IdempotencyRecord? {
        try await read("read idempotency record") { db in try Self.idempotencyRecord(db, key: key) }
    }

    func finishIdempotencyRecord(key: String, response: StoredResponse, now: Date) async throws(StoreError)
        -> IdempotencyRecord
    {
        let encoded = try response.encodedForStorage()
        return try await write("store idempotent response") { db in
            try db.execute(
                sql: """
                    UPDATE idempotency_records SET response = ?, recovery_point = 'finished', updated_at = ?
                    WHERE key = ? AND response IS NULL
                    """,
                arguments: [encoded, now.storedMilliseconds, key]
            )
            guard let stored = try Self.idempotencyRecord(db, key: key) else {
                throw StoreError.notFound("no idempotency record with that key")
            }
            return stored
        }
    }

    func deleteIdempotencyRecords(createdBefore cutoff: Date) async throws(StoreError) -> Int {
        try await write("delete old idempotency records") { db in
            try db.execute(
                sql: "DELETE FROM idempotency_records WHERE created_at <= ?", arguments: [cutoff.storedMilliseconds])
            return db.changesCount
        }
    }

    private static func idempotencyRecord(_ db: Database, key: String) throws -> IdempotencyRecord? {
        try Row.fetchOne(
            db, sql: "SELECT \(IdempotencyRecord.columns) FROM idempotency_records WHERE key = ?", arguments: [key]
        )
        .map(IdempotencyRecord.init(row:))
    }
}
