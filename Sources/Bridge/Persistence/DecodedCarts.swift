import Foundation

/// Carts already decoded, by id and stored version, so a cart is decoded once per version rather than on every
/// read. Safe with several instances: the version read from the store decides, and every update bumps it, so a
/// cached cart is used only when it is exactly what the store holds. Bounded; the oldest entry goes first.
final class DecodedCarts: @unchecked Sendable {
    private let capacity: Int
    private let lock = NSLock()
    // Guarded by `lock`.
    private var entries: [String: (version: Int, cart: BridgeCart)] = [:]
    private var arrival: [String] = []

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    func cart(id: String, version: Int) -> BridgeCart? {
        lock.withLock {
            guard let entry = entries[id], entry.version == version else { return nil }
            return entry.cart
        }
    }

    func keep(_ cart: BridgeCart, version: Int) {
        lock.withLock {
            if entries.updateValue((version, cart), forKey: cart.id) == nil {
                arrival.append(cart.id)
                if arrival.count > capacity {
                    entries[arrival.removeFirst()] = nil
                }
            }
        }
    }
}
