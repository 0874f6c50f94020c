import Foundation
import Testing

@testable import Bridge

/// The decode cache answers only the exact stored version, and stays within its bound.
@Suite struct DecodedCartsTests {
    static func cart(_ id: String, email: String? = nil) -> BridgeCart {
        var cart = BridgeCart(id: id, regionID: "reg_us", now: Date(timeIntervalSince1970: 1_767_225_600))
        cart.email = email
        return cart
    }

    @Test func aCartIsAnsweredOnlyAtTheVersionItWasKeptAt() {
        let cache = DecodedCarts(capacity: 4)
        cache.keep(Self.cart("cart_a", email: "v3@example.com"), version: 3)
        #expect(cache.cart(id: "cart_a", version: 3)?.email == "v3@example.com")
        #expect(cache.cart(id: "cart_a", version: 4) == nil, "another instance saved a newer version")
        #expect(cache.cart(id: "cart_a", version: 2) == nil)
        cache.keep(Self.cart("cart_a", email: "v4@example.com"), version: 4)
        #expect(cache.cart(id: "cart_a", version: 4)?.email == "v4@example.com")
        #expect(cache.cart(id: "cart_a", version: 3) == nil)
        #expect(cache.cart(id: "cart_b", version: 3) == nil)
    }

    @Test func theOldestCartGoesFirstBeyondTheBound() {
        let cache = DecodedCarts(capacity: 2)
        cache.keep(Self.cart("cart_1"), version: 1)
        cache.keep(Self.cart("cart_2"), version: 1)
        cache.keep(Self.cart("cart_1"), version: 2)  // a new version is not a new entry
        cache.keep(Self.cart("cart_3"), version: 1)
        #expect(cache.cart(id: "cart_1", version: 2) == nil)
        #expect(cache.cart(id: "cart_2", version: 1) != nil)
        #expect(cache.cart(id: "cart_3", version: 1) != nil)
    }
}
