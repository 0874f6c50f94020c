import Bridge
import Foundation
import MedusaAPI
import MedusaV1
import Testing

/// `Idempotency-Key` records around completion, against the simulator over real HTTP.
@Suite("Idempotent completion", .timeLimit(.minutes(2)))
struct IdempotentCompletionTests {
    /// What the HTTP layer does: run the completion under the key and encode the answer.
    private func completeIdempotently(_ h: CheckoutHarness, cartID: String, key: String, route: String = "complete")
        async throws -> IdempotentReply
    {
        try await h.idempotency.run(
            IdempotentRequest(key: key, cartID: cartID, route: route, fingerprint: "POST \(route)")
        ) {
            let answer = try await h.service.complete(cartID: cartID)
            return IdempotentResponse(
                response: StoredResponse(status: 200, headers: [], body: try MedusaJSON.encode(answer)),
                isFinal: answer.isFinal)
        }
    }

    @Test("a finished key replays its first answer byte for byte and places nothing more")
    func finishedKeyReplays() async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.readyCart()
            let first = try await completeIdempotently(h, cartID: cart.id, key: "key-1")
            #expect(first.isReplay == false)
            #expect(first.response.status == 200)

            let again = try await completeIdempotently(h, cartID: cart.id, key: "key-1")
            #expect(again.isReplay)
            #expect(again.response.body == first.response.body)
            #expect(try await h.ledger().count == 1)
        }
    }

    @Test("a key reused for another cart or route is 422 and does nothing")
    func reusedKeyIsRefused() async throws {
        try await CheckoutHarness.run { h in
            let first = try await h.readyCart()
            let second = try await h.readyCart()
            _ = try await completeIdempotently(h, cartID: first.id, key: "key-1")

            let otherCart = try #require(await medusaError { try await completeIdempotently(h, cartID: second.id, key: "key-1") })
            #expect(otherCart.httpStatus == 422)
            #expect(otherCart.type == .duplicateError)
            let otherRoute = try #require(
                await medusaError { try await completeIdempotently(h, cartID: first.id, key: "key-1", route: "taxes") })
            #expect(otherRoute.httpStatus == 422)
            #expect(try await h.ledger().count == 1)
            #expect(try await h.service.cart(id: second.id).completedAt == nil)
        }
    }

    @Test("the same key while its first attempt runs is a 409 conflict; the first attempt finishes")
    func runningKeyConflicts() async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.readyCart()
            let firstEntered = Signal()
            let releaseFirst = Signal()
            try await withThrowingTaskGroup(of: IdempotentReply.self) { group in
                group.addTask {
                    try await h.idempotency.run(
                        IdempotentRequest(key: "key-1", cartID: cart.id, route: "complete", fingerprint: "POST complete")
                    ) {
                        await firstEntered.fire()
                        await releaseFirst.wait()
                        let answer = try await h.service.complete(cartID: cart.id)
                        return IdempotentResponse(
                            response: StoredResponse(status: 200, headers: [], body: try MedusaJSON.encode(answer)),
                            isFinal: answer.isFinal)
                    }
                }
                await firstEntered.wait()
                let conflict = try #require(await medusaError { try await completeIdempotently(h, cartID: cart.id, key: "key-1") })
                #expect(conflict.httpStatus == 409)
                #expect(conflict.body.code == .invalidStateError)
                #expect(conflict.body.message == MedusaError.conflictMessage)
                await releaseFirst.fire()
                let first = try #require(try await group.next())
                #expect(first.response.status == 200)
            }
            #expect(try await h.ledger().count == 1)
        }
    }

    @Test("five keys racing on one cart: one merchant order, every answer is that order")
    func differentKeysRace() async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.readyCart([("radiant-tee", "WS12-XS-Orange", 1), ("ceramic-mug-set", "KT05-White", 1)])
            let answers = try await withThrowingTaskGroup(of: StoreCompleteCartRes.self) { group in
                for attempt in 0..<5 {
                    group.addTask { try await h.complete(cart.id, key: "key-\(attempt)") }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let orderIDs = Set(answers.compactMap { answer -> String? in
                if case .order(let order) = answer { return order.id }
                return nil
            })
            #expect(orderIDs.count == 1)
            #expect(answers.count == 5)
            #expect(try await h.ledger().count == 2)
        }
    }

    @Test("an answer that needs more is not stored: the same key, with a new card, completes the rest")
    func requiresMoreIsNotReplayed() async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.readyCart([("radiant-tee", "WS12-XS-Orange", 1), ("ceramic-mug-set", "KT05-White", 1)])
            try await h.setFaults(#"{"decline_next":1,"endpoints":["complete-order"],"domains":["home.example"]}"#)

            let partial = try await completeIdempotently(h, cartID: cart.id, key: "key-1")
            #expect(String(decoding: partial.response.body, as: UTF8.self).contains(#""type":"cart""#))
            #expect(String(decoding: partial.response.body, as: UTF8.self).contains(#""requires_more""#))
            #expect(try await h.ledger().count == 1)

            try await h.pay(cart.id, number: Cards.mastercard)
            let finished = try await completeIdempotently(h, cartID: cart.id, key: "key-1")
            #expect(finished.isReplay == false)
            #expect(String(decoding: finished.response.body, as: UTF8.self).contains(#""type":"order""#))
            #expect(try await h.ledger().count == 2)
        }
    }

    @Test("a passing failure after a partial success is a 503, not stored; the same key resumes once it settles")
    func passingFailureAfterAPartialSuccess() async throws {
        let clock = CartFreshnessTests.ManualClock()
        try await CheckoutHarness.run(now: clock.now) { h in
            let cart = try await h.readyCart([("radiant-tee", "WS12-XS-Orange", 1), ("ceramic-mug-set", "KT05-White", 1)])
            try await h.setFaults(#"{"unavailable_next":1,"endpoints":["complete-order"],"domains":["home.example"]}"#)
            let pending = try #require(await medusaError { try await completeIdempotently(h, cartID: cart.id, key: "key-1") })
            #expect(pending.httpStatus == 503)
            #expect(try await h.ledger().count == 1)

            clock.advance(seconds: 5 + 120 + 1)
            let finished = try await completeIdempotently(h, cartID: cart.id, key: "key-1")
            #expect(String(decoding: finished.response.body, as: UTF8.self).contains(#""type":"order""#))
            #expect(try await h.ledger().count == 2)
        }
    }

    @Test("recovery points reach the fault hook in order")
    func recoveryPointsInOrder() async throws {
        let points = PointLog()
        try await CheckoutHarness.run(faultHook: { points.append($0) }) { h in
            let cart = try await h.readyCart([("radiant-tee", "WS12-XS-Orange", 1), ("ceramic-mug-set", "KT05-White", 1)])
            _ = try await completeIdempotently(h, cartID: cart.id, key: "key-1")
        }
        #expect(
            points.all == [
                "started", "merchant 1 requested", "merchant 1 answered", "merchant 1 placed", "merchant 2 requested",
                "merchant 2 answered", "merchant 2 placed", "order recorded",
            ])
    }
}

/// A one-shot signal between tasks.
actor Signal {
    private var fired = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func fire() {
        fired = true
        waiting.forEach { $0.resume() }
        waiting.removeAll()
    }

    func wait() async {
        if fired { return }
        await withCheckedContinuation { waiting.append($0) }
    }
}

/// Recovery point names as the hook saw them.
final class PointLog: @unchecked Sendable {
    private let lock = NSLock()
    private var points: [String] = []

    func append(_ point: String) { lock.withLock { points.append(point) } }
    var all: [String] { lock.withLock { points } }
}
