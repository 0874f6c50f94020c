import Foundation

/// A thread-safe dictionary that keeps at most `capacity` keys: when a new key would pass the bound, the key
/// that arrived first goes. Replacing the value of a key already held keeps its place. For caches whose values
/// carry what makes them valid (a version, a source), checked by the caller on every read.
public final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let capacity: Int
    private let lock = NSLock()
    // Guarded by `lock`.
    private var values: [Key: Value] = [:]
    private var arrival: [Key] = []

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    public subscript(key: Key) -> Value? {
        lock.withLock { values[key] }
    }

    public func set(_ value: Value, for key: Key) {
        lock.withLock {
            guard values.updateValue(value, forKey: key) == nil else { return }
            arrival.append(key)
            if arrival.count > capacity {
                values[arrival.removeFirst()] = nil
            }
        }
    }
}
