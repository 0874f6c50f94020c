@testable import MedusaV1
import Bridge
import BridgeServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BridgeServer

@Suite struct RateLimitTests {
    /// Two requests at once, then one a minute: the third is refused.
    private static func limited(trustForwardedFor: Bool = false) -> (inout ServerOptions) -> Void {
        { options in
            options.rateLimit = BridgeConfiguration.RateLimit(
                requestsPerMinute: 1, burst: 2, trustForwardedFor: trustForwardedFor)
        }
    }

    @Test func completionOverTheLimitIs429WithRetryAfter() async throws {
        let storefront = FakeStorefront()
        let responses = try await withStoreAPI(storefront: storefront, adjust: Self.limited()) { client in
            var responses: [TestResponse] = []
            for _ in 0..<3 { responses.append(try await client.send(.post, "/store/carts/cart_1/complete")) }
            return responses
        }
        #expect(responses.map(\.status) == [.ok, .ok, .tooManyRequests])
        let refused = try #require(responses.last)
        // One token a minute: about 60 s to wait, less the time the three requests took on a busy machine.
        let seconds = try #require(refused.headers[.retryAfter].flatMap { Int($0) })
        #expect((50...60).contains(seconds))
        let message = "Too many requests. Try again in \(seconds) seconds."
        #expect(try refused.json == ["type": "not_allowed", "code": "rate_limited", "message": .string(message)])
        #expect(storefront.calls.count == 2)
    }

    @Test func everyCardCarryingRouteSharesTheClientsBucket() async throws {
        let statuses = try await withStoreAPI(adjust: Self.limited()) { client in
            [
                try await client.send(.post, "/store/carts/cart_1/payment-sessions").status,
                try await client.send(
                    .post, "/store/carts/cart_1/payment-sessions/cartbridge", body: #"{"data":{}}"#
                ).status,
                try await client.send(
                    .post, "/store/carts/cart_1/payment-session", body: #"{"provider_id":"cartbridge"}"#
                ).status,
                try await client.send(.post, "/store/carts/cart_1/complete-cart").status,
            ]
        }
        #expect(statuses == [.ok, .ok, .tooManyRequests, .tooManyRequests])
    }

    @Test func otherRoutesAreNotLimited() async throws {
        let statuses = try await withStoreAPI(adjust: Self.limited()) { client in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<5 { statuses.append(try await client.send(.get, "/store/carts/cart_1").status) }
            let refresh = try await client.send(.post, "/store/carts/cart_1/payment-sessions/cartbridge/refresh")
            statuses.append(refresh.status)
            return statuses
        }
        #expect(statuses.allSatisfy { $0 == .ok })
    }

    @Test func behindATrustedProxyEachForwardedClientHasItsOwnBucket() async throws {
        let statuses = try await withStoreAPI(adjust: Self.limited(trustForwardedFor: true)) { client in
            var statuses: [HTTPResponse.Status] = []
            for forwarded in ["spoofed, 10.0.0.1", "10.0.0.1", "10.0.0.1", "10.0.0.2"] {
                statuses.append(
                    try await client.send(
                        .post, "/store/carts/cart_1/complete", headers: [.xForwardedFor: forwarded]
                    ).status)
            }
            return statuses
        }
        #expect(statuses == [.ok, .ok, .tooManyRequests, .ok])
    }

    @Test func zeroTurnsTheLimitOff() {
        #expect(RateLimitMiddleware(BridgeConfiguration.RateLimit(requestsPerMinute: 0)) == nil)
    }
}

@Suite struct TokenBucketsTests {
    let start = ContinuousClock.now

    @Test func aBurstThenTheSustainedRate() async {
        // A token every 4 seconds.
        let buckets = TokenBuckets(perMinute: 15, burst: 2, maxClients: 10)
        #expect(await buckets.take("a", at: start) == .allowed)
        #expect(await buckets.take("a", at: start) == .allowed)
        #expect(await buckets.take("a", at: start) == .limited(retryAfterSeconds: 4))
        #expect(await buckets.take("a", at: start + .seconds(2)) == .limited(retryAfterSeconds: 2))
        #expect(await buckets.take("a", at: start + .seconds(4)) == .allowed)
        #expect(await buckets.take("b", at: start + .seconds(4)) == .allowed)
    }

    @Test func memoryStaysBoundedDroppingRefilledBucketsFirst() async {
        let buckets = TokenBuckets(perMinute: 60, burst: 1, maxClients: 3)
        for client in ["a", "b", "c"] { _ = await buckets.take(client, at: start) }
        // "a" and "b" refilled; "c" is drained again.
        _ = await buckets.take("c", at: start + .seconds(5))
        _ = await buckets.take("d", at: start + .seconds(5))
        #expect(await buckets.count == 2)
        // "c" was kept: still drained.
        #expect(await buckets.take("c", at: start + .seconds(5)) == .limited(retryAfterSeconds: 1))
    }

    @Test func withEveryBucketBusyTheIdlestGoes() async {
        let buckets = TokenBuckets(perMinute: 1, burst: 1, maxClients: 2)
        _ = await buckets.take("a", at: start)
        _ = await buckets.take("b", at: start + .seconds(1))
        _ = await buckets.take("c", at: start + .seconds(2))
        #expect(await buckets.count == 2)
        #expect(await buckets.take("a", at: start + .seconds(2)) == .allowed)
    }
}
