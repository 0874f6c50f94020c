import BridgeStore
import Foundation
import NIOCore
import PostgresNIO

// Rows decoded into records, for every record extension of the store. The column lists are the SQLite store's
// (`RecordRows.swift`): both select the same columns in the same order.
extension PostgresStore {
    var cartColumns: String { CartRecord.columns }
    var orderColumns: String { Self.orderColumnList }
    static var orderColumnList: String { OrderRecord.columns }

    func count(_ action: String, _ statement: PostgresQuery) async throws(StoreError) -> Int {
        guard let row = try await query(action, statement).first else { return 0 }
        return try decode(row, Int.self)
    }

    func decode<T: PostgresDecodable>(_ row: PostgresRow, _ type: T.Type) throws(StoreError) -> T {
        do {
            return try row.decode(T.self)
        } catch {
            throw StoreError(postgres: error, while: "read row")
        }
    }

    func decode<each Column: PostgresDecodable>(_ row: PostgresRow, _ types: (repeat each Column).Type)
        throws(StoreError) -> (repeat each Column)
    {
        do {
            return try row.decode((repeat each Column).self)
        } catch {
            throw StoreError(postgres: error, while: "read row")
        }
    }

    func cartRecord(_ row: PostgresRow) throws(StoreError) -> CartRecord {
        let (id, version, body, createdAt, updatedAt, completedAt) = try decode(
            row, (String, Int, ByteBuffer, Int64, Int64, Int64?).self)
        return CartRecord(
            id: id, version: version, body: Data(buffer: body), createdAt: Date(storedMilliseconds: createdAt),
            updatedAt: Date(storedMilliseconds: updatedAt), completedAt: completedAt.map(Date.init(storedMilliseconds:)))
    }

    func orderRecord(_ row: PostgresRow) throws(StoreError) -> OrderRecord {
        do {
            return try Self.orderRecord(from: row)
        } catch {
            throw StoreError(postgres: error, while: "read order")
        }
    }

    static func orderRecord(from row: PostgresRow) throws -> OrderRecord {
        let (id, displayID, cartID, email, customerID, body, createdAt) = try row.decode(
            (String, Int, String, String?, String?, ByteBuffer, Int64).self)
        return OrderRecord(
            id: id, displayID: displayID, cartID: cartID, email: email, customerID: customerID, body: Data(buffer: body),
            createdAt: Date(storedMilliseconds: createdAt))
    }

    func customerRecord(_ row: PostgresRow) throws(StoreError) -> CustomerRecord {
        let (id, email, passwordHash, body, version, createdAt, updatedAt) = try decode(
            row, (String, String, String, ByteBuffer, Int, Int64, Int64).self)
        return CustomerRecord(
            id: id, email: email, passwordHash: passwordHash, body: Data(buffer: body), version: version,
            createdAt: Date(storedMilliseconds: createdAt), updatedAt: Date(storedMilliseconds: updatedAt))
    }

    func idempotencyRecord(_ row: PostgresRow) throws(StoreError) -> IdempotencyRecord {
        let (key, cartID, route, fingerprint, recoveryPoint, response, createdAt, updatedAt) = try decode(
            row, (String, String, String, String, String, ByteBuffer?, Int64, Int64).self)
        return IdempotencyRecord(
            key: key, cartID: cartID, route: route, fingerprint: fingerprint, recoveryPoint: recoveryPoint,
            response: try response.map { buffer throws(StoreError) in try StoredResponse.decodeStored(Data(buffer: buffer)) },
            createdAt: Date(storedMilliseconds: createdAt), updatedAt: Date(storedMilliseconds: updatedAt))
    }
}
