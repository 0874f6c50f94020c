import Bridge
import Foundation
import Hummingbird
import Prometheus

/// Routes for operators and orchestrators, outside `/store`: liveness, readiness and Prometheus metrics.
struct OperationsRoutes: Sendable {
    let registry: PrometheusCollectorRegistry
    let readiness: [HealthCheck]

    /// `/health` always; `/health/ready` and `/metrics` when `includingAdmin` (else an admin listener has them).
    func register(on router: Router<BridgeRequestContext>, includingAdmin: Bool) {
        // Live as long as the process answers at all.
        router.get("health") { _, _ in try Self.json(Status(status: "ok"), status: .ok) }
        guard includingAdmin else { return }
        router.get("health/ready") { _, _ in try await ready() }
        router.get("metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
    }

    /// 200 when every check passes, else 503; the body lists each check either way.
    private func ready() async throws -> Response {
        let results = await withTaskGroup(of: CheckResult.self) { group in
            for check in readiness { group.addTask { await check.run() } }
            return await group.reduce(into: []) { $0.append($1) }
        }.sorted { $0.name < $1.name }
        let passed = results.allSatisfy(\.passed)
        return try Self.json(
            Readiness(status: passed ? "ready" : "unavailable", checks: results.map(Readiness.Check.init)),
            status: passed ? .ok : .serviceUnavailable)
    }

    private static func json(_ body: some Encodable, status: HTTPResponse.Status) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(
            status: status, headers: [.contentType: MedusaJSONResponse.contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(body))))
    }

    private struct Status: Encodable {
        var status: String
    }

    private struct Readiness: Encodable {
        struct Check: Encodable {
            var name: String
            var ok: Bool
            var detail: String
            var durationMS: Double

            enum CodingKeys: String, CodingKey {
                case name, ok, detail
                case durationMS = "duration_ms"
            }

            init(_ result: CheckResult) {
                name = result.name
                ok = result.passed
                detail = result.detail
                durationMS = (result.duration / .microseconds(1)).rounded() / 1000
            }
        }

        var status: String
        var checks: [Check]
    }
}
