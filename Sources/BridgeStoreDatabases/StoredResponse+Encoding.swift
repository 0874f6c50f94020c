import BridgeStore
import Foundation

// Both stores keep a stored response as one JSON document (the body as base64), so a replay reads one column.
extension StoredResponse {
    func encodedForStorage() throws(StoreError) -> Data {
        do {
            return try JSONEncoder().encode(self)
        } catch {
            throw .corrupt("an idempotent response could not be encoded")
        }
    }

    static func decodeStored(_ data: Data) throws(StoreError) -> StoredResponse {
        do {
            return try JSONDecoder().decode(StoredResponse.self, from: data)
        } catch {
            throw .corrupt("a stored idempotent response could not be read")
        }
    }
}
