import Bridge
import Foundation
import MedusaAPI
import MedusaV1
import NIOHTTP1
import Testing

/// `GET /store/carts/{id}` and `snapshot.max_age_ms`: which reads ask the merchant again.
///
/// The simulator's `unavailable_next` fault counts the calls: every matching merchant call consumes one,
/// and a GET cart is retried by the client, so a consumed fault means "the merchant was asked" while the
/// read itself still succeeds.
@Suite("CheckoutService: cart reads and snapshot freshness")
struct CartFreshnessTests {
    /// A clock the test moves by hand, so the freshness window is exercised without waiting.
    final class ManualClock: @unchecked Sendable {
        // NSLock: the service reads the time from any task.
        private let lock = NSLock()
        private var current = Date()

        func now() -> Date { lock.withLock { current } }
        func advance(seconds: TimeInterval) { lock.withLock { current += seconds } }
    }

    /// Arms one 503 for the next GET cart of apparel.example.
    func armCartCallCounter(_ h: CheckoutHarness) async throws {
        try await h.setFaults(#"{"unavailable_next":1,"endpoints":["cart"],"domains":["apparel.example"]}"#)
    }

    /// How many armed 503s are left: 1 when no merchant call was made since arming, 0 after one.
    func unusedFaults(_ h: CheckoutHarness) async throws -> Int {
        struct Faults: Decodable {
            let unavailableNext: Int
            enum CodingKeys: String, CodingKey { case unavailableNext = "unavailable_next" }
        }
        return try JSONDecoder().decode(Faults.self, from: try await h.control(.GET, "faults")).unavailableNext
    }

    @Test("with max_age 0 every cart read asks the merchant")
    func zeroWindowAlwaysAsks() async throws {
        try await CheckoutHarness.run(snapshotMaxAge: .zero) { h in
            let cart = try await h.newCart()
            for _ in 0..<2 {
                try await armCartCallCounter(h)
                let read = try await h.service.cart(id: cart.id)
                #expect(try await unusedFaults(h) == 0, "the read called GET cart at the merchant")
                #expect(read.items.map(\.quantity) == [1])
            }
        }
    }

    @Test("a cart with no merchant yet is read without any merchant call")
    func emptyCartAsksNobody() async throws {
        try await CheckoutHarness.run(snapshotMaxAge: .zero) { h in
            let cart = try await h.service.createCart(
                StorePostCartReq(), client: ClientInfo(ip: "127.0.0.1", userAgent: "tests"))
            try await h.setFaults(#"{"unavailable_next":1}"#)
            #expect(try await h.service.cart(id: cart.id).items.isEmpty)
            #expect(try await unusedFaults(h) == 1)
        }
    }

    @Test("within the window the stored snapshot answers; once it is older the merchant is asked and the answer kept")
    func windowServesSnapshotUntilStale() async throws {
        let clock = ManualClock()
        try await CheckoutHarness.run(snapshotMaxAge: .milliseconds(1000), now: clock.now) { h in
            let cart = try await h.newCart()
            try await armCartCallCounter(h)

            clock.advance(seconds: 0.5)
            #expect(try await h.service.cart(id: cart.id).items.count == 1)
            #expect(try await unusedFaults(h) == 1, "a 0.5 s old snapshot is fresh enough")

            clock.advance(seconds: 0.6)
            #expect(try await h.service.cart(id: cart.id).items.count == 1)
            #expect(try await unusedFaults(h) == 0, "a 1.1 s old snapshot is read afresh")

            // The refreshed snapshot was saved with its new time: the next read within the window is local.
            try await armCartCallCounter(h)
            clock.advance(seconds: 0.5)
            _ = try await h.service.cart(id: cart.id)
            #expect(try await unusedFaults(h) == 1)
        }
    }

    @Test("a refresh the merchant cannot answer serves the stored snapshot, and leaves it as it was")
    func refreshFailureServesTheSnapshot() async throws {
        try await CheckoutHarness.run(snapshotMaxAge: .zero) { h in
            let cart = try await h.newCart()
            // As many 503s as the client's three attempts: the read cannot be answered from the merchant.
            try await h.setFaults(#"{"unavailable_next":3,"endpoints":["cart"]}"#)
            let during = try await h.service.cart(id: cart.id)
            #expect(during.items.count == 1)
            #expect(during.total == cart.total)
            #expect(try await unusedFaults(h) == 0, "the merchant was asked, and failed, three times")
            try await h.control(.DELETE, "faults")
            #expect(try await h.service.cart(id: cart.id).items.count == 1, "the cart is intact afterwards")
        }
    }

    @Test("a completed cart is never re-read from its merchants, even with max_age 0")
    func completedCartIsHistory() async throws {
        try await CheckoutHarness.run(snapshotMaxAge: .zero) { h in
            let cart = try await h.readyCart()
            let order = try await h.completeOrder(cart.id)
            try await h.setFaults(#"{"unavailable_next":5}"#)
            let read = try await h.service.cart(id: cart.id)
            #expect(read.completedAt != nil)
            #expect(order.cartID == read.id)
            #expect(try await unusedFaults(h) == 5, "no merchant was called")
        }
    }
}
