import BridgeStore
import Foundation
import MedusaAPI

extension CheckoutService {
    public func order(id: String) async throws(MedusaError) -> Order {
        guard let record = try await orderRecord({ store in try await store.order(id: id) }) else {
            throw MedusaError.notFound("Order with \(id) was not found")
        }
        return try await renderOrder(record)
    }

    public func order(cartID: String) async throws(MedusaError) -> Order {
        guard let record = try await orderRecord({ store in try await store.order(cartID: cartID) }) else {
            throw MedusaError.notFound("Order with cart id \(cartID) was not found")
        }
        return try await renderOrder(record)
    }

    public func order(displayID: Int, email: String) async throws(MedusaError) -> Order? {
        guard let record = try await orderRecord({ store in try await store.order(displayID: displayID, email: email) })
        else { return nil }
        return try await renderOrder(record)
    }

    private func orderRecord(_ lookup: (any BridgeStore) async throws -> OrderRecord?) async throws(MedusaError)
        -> OrderRecord?
    {
        do {
            return try await lookup(store)
        } catch {
            throw Self.storeFailure(error)
        }
    }

    func renderOrder(_ record: OrderRecord) async throws(MedusaError) -> Order {
        let cart = try decode(record.body, of: "Order \(record.id)")
        return OrderRendering.order(
            id: record.id, displayID: record.displayID, cart: cart, region: try region(for: cart),
            catalog: await catalogInfo(for: cart), pinned: tables.pinnedIDs, createdAt: record.createdAt)
    }
}
