import Foundation

/// Merchant cart answers already decoded, by their exact bytes: a merchant that answers a cart read with what it
/// answered before (the usual case) is not decoded again. The bytes are the key, compared in full, so a hit is
/// exactly the same answer. Bounded; the oldest answer goes first.
final class DecodedCartAnswers: @unchecked Sendable {
    private let capacity: Int
    private let lock = NSLock()
    // Guarded by `lock`.
    private var carts: [Data: FullCartCart] = [:]
    private var arrival: [Data] = []

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    func cart(for body: Data) -> FullCartCart? {
        lock.withLock { carts[body] }
    }

    func keep(_ cart: FullCartCart, for body: Data) {
        lock.withLock {
            guard carts.updateValue(cart, forKey: body) == nil else { return }
            arrival.append(body)
            if arrival.count > capacity {
                carts[arrival.removeFirst()] = nil
            }
        }
    }
}
