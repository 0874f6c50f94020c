import Bridge
import Foundation
import HTTPTypes
import Hummingbird
import MedusaAPI

/// Medusa's `Idempotency-Key` on completion, payment-session creation and taxes: the client's key (or a fresh
/// `ikey_…` id) is echoed on every response of the route, errors included, and exposed to browser code. The
/// core keeps a record per key (`IdempotencyLedger`); the HTTP layer turns answers into bytes, so a replay is
/// the first answer byte for byte.
struct IdempotencyKey: Sendable {
    static let headerName = HTTPField.Name("Idempotency-Key")!

    let value: String
    /// Whether the client sent the key (rather than it being generated here).
    let wasSent: Bool

    /// Adopts the client's key; Medusa would discard it, but no v1 client can tell, and adopting it lets a
    /// retry with the same key resume (reference §4.4).
    init(_ request: Request) {
        let header = request.headers[Self.headerName]?.trimmingCharacters(in: .whitespaces)
        let sent = header.flatMap { $0.isEmpty ? nil : $0 }
        value = sent ?? MedusaID.make(prefix: .idempotencyKey)
        wasSent = sent != nil
    }

    /// Runs the route's work under the key's record and stamps the headers on whatever comes out of it.
    /// `requestBody` is what identifies the request beyond route and cart (canonical bytes of the decoded
    /// body); `work` answers the body and whether it is final (stored for replay) or may be retried.
    /// With `recordsGeneratedKeys` false, a request without a client key runs without a record: only a client
    /// that sent a key is likely to retry with it, and these records hold a whole cart each.
    func respond<Body: Encodable & Sendable>(
        via ledger: IdempotencyLedger, cartID: String, route: String, requestBody: Data = Data(),
        recordsGeneratedKeys: Bool,
        _ work: @escaping @Sendable () async throws -> (body: Body, isFinal: Bool)
    ) async throws -> Response {
        // An invalid key is not echoed: it is refused before anything else.
        let request = try IdempotentRequest(key: value, cartID: cartID, route: route, requestBody: requestBody)
        guard wasSent || recordsGeneratedKeys else {
            do {
                var response = try MedusaJSONResponse.make(try await work().body)
                response.headers.append(contentsOf: headers)
                return response
            } catch {
                throw ErrorWithHeaders(underlying: error, headers: headers)
            }
        }
        do {
            let reply = try await ledger.run(request) {
                let (body, isFinal) = try await work()
                let response = StoredResponse(
                    status: 200, headers: [["Content-Type", MedusaJSONResponse.contentType]],
                    body: try MedusaJSON.encode(body))
                return IdempotentResponse(response: response, isFinal: isFinal)
            }
            var response = Response(reply.response)
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

extension Response {
    init(_ stored: StoredResponse) {
        var fields = HTTPFields()
        for pair in stored.headers where pair.count == 2 {
            if let name = HTTPField.Name(pair[0]) { fields.append(HTTPField(name: name, value: pair[1])) }
        }
        self.init(
            status: HTTPResponse.Status(code: stored.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: stored.body)))
    }
}

extension RouterGroup<BridgeRequestContext> {
    /// A body-less `POST /carts/{id}/…` route under `Idempotency-Key` records; `route` names it (aliases share
    /// a name), `work` gets the cart id. `isFinal` says which answers a retry replays.
    /// `recordsGeneratedKeys`: see `IdempotencyKey.respond`.
    @discardableResult
    func idempotent<Body: Encodable & Sendable>(
        _ path: RouterPath, route: String, ledger: IdempotencyLedger, recordsGeneratedKeys: Bool,
        isFinal: @escaping @Sendable (Body) -> Bool = { _ in true },
        _ work: @escaping @Sendable (_ cartID: String) async throws -> Body
    ) -> Self {
        on(path, method: .post) { request, context in
            let cartID = try context.parameters.require("id")
            return try await IdempotencyKey(request).respond(
                via: ledger, cartID: cartID, route: route, recordsGeneratedKeys: recordsGeneratedKeys
            ) {
                let body = try await work(cartID)
                return (body, isFinal(body))
            }
        }
    }
}
