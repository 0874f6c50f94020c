import BridgeStore
import Foundation

/// Orders by id, by cart and by display id with email.
struct OrderLookup: CheckoutPart {
    let dependencies: CheckoutDependencies

    func order(id: String) async throws(CheckoutError) -> PlacedOrder? {
        try await placedOrder { store in try await store.order(id: id) }
    }

    func order(cartID: String) async throws(CheckoutError) -> PlacedOrder? {
        try await placedOrder { store in try await store.order(cartID: cartID) }
    }

    /// Medusa's guest lookup: the display id with the order's email (compared case-insensitively).
    func order(displayID: Int, email: String) async throws(CheckoutError) -> PlacedOrder? {
        try await placedOrder { store in try await store.order(displayID: displayID, email: email) }
    }
}
