import BoundedCache
import Foundation
import Testing

/// The bounded cache behind the decoded-cart, rendered-cart and merchant-answer caches.
@Suite struct BoundedCacheTests {
    @Test func aValueIsAnsweredForItsKeyAndReplacedInPlace() {
        let cache = BoundedCache<String, Int>(capacity: 4)
        cache.set(3, for: "cart_a")
        #expect(cache["cart_a"] == 3)
        #expect(cache["cart_b"] == nil)
        cache.set(4, for: "cart_a")
        #expect(cache["cart_a"] == 4)
    }

    @Test func theOldestKeyGoesFirstBeyondTheBound() {
        let cache = BoundedCache<String, Int>(capacity: 2)
        cache.set(1, for: "cart_1")
        cache.set(1, for: "cart_2")
        cache.set(2, for: "cart_1")  // a new value is not a new arrival
        cache.set(1, for: "cart_3")
        #expect(cache["cart_1"] == nil)
        #expect(cache["cart_2"] == 1)
        #expect(cache["cart_3"] == 1)
    }

    @Test func byteKeysMatchOnlyTheSameBytes() {
        let cache = BoundedCache<Data, String>(capacity: 2)
        cache.set("a", for: Data(#"{"cart_id":"a"}"#.utf8))
        #expect(cache[Data(#"{"cart_id":"a"}"#.utf8)] == "a")
        #expect(cache[Data(#"{"cart_id":"a" }"#.utf8)] == nil, "one more byte is another answer")
    }
}
