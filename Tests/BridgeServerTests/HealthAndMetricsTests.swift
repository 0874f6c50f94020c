@testable import MedusaV1
import Bridge
import BridgeServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing

@Suite struct HealthAndMetricsTests {
    @Test func liveIsAlwaysOK() async throws {
        let response = try await withStoreAPI { client in try await client.send(.get, "/health") }
        #expect(response.status == .ok)
        #expect(try response.json == ["status": "ok"])
    }

    @Test func readyWhenEveryCheckPasses() async throws {
        let checks = [HealthCheck("store") { "reachable" }, HealthCheck("card_keys") { "1 loaded" }]
        let response = try await withStoreAPI(readiness: checks) { client in
            try await client.send(.get, "/health/ready")
        }
        #expect(response.status == .ok)
        let body = try response.json
        #expect(body["status"] == "ready")
        #expect(body["checks"]?[0]?["name"] == "card_keys")
        #expect(body["checks"]?[1]?["ok"] == true)
    }

    @Test func unavailableWith503NamingTheFailingCheck() async throws {
        let checks = [
            HealthCheck("store") { "reachable" },
            HealthCheck("merchant shop.example") { throw CheckFailure("last call GET cart: Timeout") },
        ]
        let response = try await withStoreAPI(readiness: checks) { client in
            try await client.send(.get, "/health/ready")
        }
        #expect(response.status == .serviceUnavailable)
        let failing = try #require(try response.json["checks"]?[0])
        #expect(failing["name"] == "merchant shop.example")
        #expect(failing["ok"] == false)
        #expect(failing["detail"] == "last call GET cart: Timeout")
    }

    @Test func withAnAdminPortTheStorePortServesNeitherMetricsNorReadiness() async throws {
        let checks = [HealthCheck("store") { "reachable" }]
        let (metrics, ready, live) = try await withStoreAPI(readiness: checks, adjust: { $0.adminPort = 9091 }) {
            client in
            (
                try await client.send(.get, "/metrics"), try await client.send(.get, "/health/ready"),
                try await client.send(.get, "/health")
            )
        }
        #expect(metrics.status == .notFound)
        #expect(try metrics.json["type"] == "not_found")
        #expect(ready.status == .notFound)
        #expect(live.status == .ok)
    }

    @Test func theAdminListenerServesMetricsReadinessAndLivenessOnly() async throws {
        let registry = PrometheusCollectorRegistry()
        let app = BridgeHTTPServer.makeAdminApplication(
            options: ServerOptions(adminPort: 0), logger: quietLogger, metrics: registry,
            readiness: [HealthCheck("card_keys") { throw CheckFailure("no card key loaded") }])
        try await app.test(.router) { client in
            let ready = try await client.execute(uri: "/health/ready", method: .get)
            #expect(ready.status == .serviceUnavailable)
            #expect(String(buffer: ready.body).contains("no card key loaded"))
            #expect(try await client.execute(uri: "/metrics", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/health", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/store/regions", method: .get).status == .notFound)
        }
    }

    @Test func requestsAreCountedByRoutePatternNotPath() async throws {
        let registry = PrometheusCollectorRegistry()
        try await withStoreAPI(metrics: registry) { client in
            _ = try await client.send(.get, "/store/carts/cart_1")
            _ = try await client.send(.get, "/store/carts/cart_2")
            _ = try await client.send(.get, "/no/such/route")
        }
        let text = registry.emitToString()
        let carts = #"method="GET",route="/store/carts/{id}",status="200""#
        #expect(text.contains("cartbridge_http_requests_total{\(carts)} 2"))
        #expect(text.contains(#"cartbridge_http_requests_total{method="GET",route="NotFound",status="404"} 1"#))
        #expect(text.contains(#"cartbridge_http_request_duration_seconds_bucket{\#(carts),le="+Inf"} 2"#))
        #expect(!text.contains("cart_1"))
    }

    @Test func metricsAreServedInPrometheusTextFormat() async throws {
        let response = try await withStoreAPI { client in
            _ = try await client.send(.get, "/store/regions")
            return try await client.send(.get, "/metrics")
        }
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
        #expect(response.text.contains("# TYPE cartbridge_http_requests_total counter"))
        #expect(response.text.contains(#"route="/store/regions""#))
    }

    /// The checkout service counts completions without knowing which application serves it.
    @Test func checkoutMetricsLandInTheServingApplicationsRegistry() async throws {
        let (first, second) = (PrometheusCollectorRegistry(), PrometheusCollectorRegistry())
        try await withStoreAPI(metrics: first) { client in
            _ = try await client.send(.post, "/store/carts/cart_1/complete")
        }
        #expect(first.emitToString().contains(#"cartbridge_checkout_completions_total{outcome="placed"} 1"#))
        #expect(!second.emitToString().contains("cartbridge_checkout_completions_total"))
    }

    @Test func idempotencyEventsAreCounted() {
        let registry = PrometheusCollectorRegistry()
        CheckoutMetrics.$factory.withValue(PrometheusMetricsFactory(registry: registry)) {
            CheckoutMetrics.idempotency("replay")
            CheckoutMetrics.idempotency("replay")
            CheckoutMetrics.idempotency("conflict")
        }
        let text = registry.emitToString()
        #expect(text.contains(#"cartbridge_idempotency_events_total{event="replay"} 2"#))
        #expect(text.contains(#"cartbridge_idempotency_events_total{event="conflict"} 1"#))
    }
}
