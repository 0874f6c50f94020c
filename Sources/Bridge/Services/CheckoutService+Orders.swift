import BridgeStore
import Foundation

extension CheckoutService {
    public func order(id: String) async throws(CheckoutError) -> PlacedOrder? {
        try await placedOrder { store in try await store.order(id: id) }
    }

    public func order(cartID: String) async throws(CheckoutError) -> PlacedOrder? {
        try await placedOrder { store in try await store.order(cartID: cartID) }
    }

    /// Medusa's guest lookup: the display id with the order's email (compared case-insensitively).
    public func order(displayID: Int, email: String) async throws(CheckoutError) -> PlacedOrder? {
        try await placedOrder { store in try await store.order(displayID: displayID, email: email) }
    }

    private func placedOrder(_ lookup: (any BridgeStore) async throws -> OrderRecord?) async throws(CheckoutError)
        -> PlacedOrder?
    {
        let record: OrderRecord?
        do {
            record = try await lookup(store)
        } catch {
            throw CheckoutError.store(error)
        }
        return try record.map { (record) throws(CheckoutError) in try placedOrder(record) }
    }

    func placedOrder(_ record: OrderRecord) throws(CheckoutError) -> PlacedOrder {
        PlacedOrder(
            id: record.id, displayID: record.displayID, createdAt: record.createdAt,
            cart: try decode(record.body, of: "Order \(record.id)"))
    }
}
