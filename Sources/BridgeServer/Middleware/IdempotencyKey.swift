import Foundation
import HTTPTypes
import Hummingbird

/// Medusa's `Idempotency-Key` on completion, line-item add, payment-session creation and taxes: the client's
/// key (or a fresh UUID v4) is echoed on every response of the route, errors included, and exposed to
/// browser code.
struct IdempotencyKey: Sendable {
    static let headerName = HTTPField.Name("Idempotency-Key")!

    let value: String

    /// Adopts the client's key; Medusa would discard it, but no v1 client can tell, and adopting it lets a
    /// retry with the same key resume (reference §4.4).
    init(_ request: Request) {
        let sent = request.headers[Self.headerName]?.trimmingCharacters(in: .whitespaces)
        value = sent.flatMap { $0.isEmpty ? nil : $0 } ?? UUID().uuidString.lowercased()
    }

    /// Runs the route's work with the key and stamps the headers on whatever comes out of it.
    func respond<Body: Encodable>(_ work: (String) async throws -> Body) async throws -> Response {
        do {
            var response = try MedusaJSONResponse.make(try await work(value))
            response.headers.append(contentsOf: headers)
            return response
        } catch {
            throw ErrorWithHeaders(underlying: error, headers: headers)
        }
    }

    private var headers: HTTPFields {
        [Self.headerName: value, .accessControlExposeHeaders: Self.headerName.rawName]
    }
}
