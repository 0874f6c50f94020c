import Foundation

/// The encoded `{cart}` answer of recent carts, by what it was rendered from: the stored version of the cart,
/// the card key published in its payment session and the catalog load its product facts came from. A cart
/// read whose merchant answered what is already stored is the same version, so its answer is these bytes
/// again, with no rendering and no encoding. Bounded; the oldest cart goes first.
final class RenderedCarts: @unchecked Sendable {
    struct Source: Hashable {
        var version: Int
        var cardKeyID: String?
        var catalogGeneration: Int
    }

    private let capacity: Int
    private let lock = NSLock()
    // Guarded by `lock`.
    private var entries: [String: (source: Source, body: Data)] = [:]
    private var arrival: [String] = []

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    func body(cartID: String, source: Source) -> Data? {
        lock.withLock {
            guard let entry = entries[cartID], entry.source == source else { return nil }
            return entry.body
        }
    }

    func keep(_ body: Data, cartID: String, source: Source) {
        lock.withLock {
            if entries.updateValue((source, body), forKey: cartID) == nil {
                arrival.append(cartID)
                if arrival.count > capacity {
                    entries[arrival.removeFirst()] = nil
                }
            }
        }
    }
}
