import Bridge
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import MedusaAPI

/// Medusa's `Idempotency-Key` on completion, payment-session creation and taxes: the client's key (or a fresh
/// `ikey_…` id) is echoed on every response of the route, errors included, and exposed to browser code. The
/// domain keeps a record per key (`StorefrontAPI.idempotent`); the HTTP layer turns answers into bytes, so a
/// replay is the first answer byte for byte.
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
        via storefront: any StorefrontAPI, cartID: String, route: String, requestBody: Data = Data(),
        recordsGeneratedKeys: Bool = false,
        _ work: @escaping @Sendable (String) async throws -> (body: Body, isFinal: Bool)
    ) async throws -> Response {
        // A key is stored and indexed: a huge or binary one is the client's mistake, not a store failure.
        guard value.utf8.count <= 255, value.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) else {
            throw MedusaError.invalidData("Idempotency-Key must be 1 to 255 printable ASCII characters")
        }
        guard wasSent || recordsGeneratedKeys else {
            do {
                var response = try MedusaJSONResponse.make(try await work(value).body)
                response.headers.append(contentsOf: headers)
                return response
            } catch {
                throw ErrorWithHeaders(underlying: error, headers: headers)
            }
        }
        let digest = SHA256.hash(data: Data("POST \(route)\n".utf8) + requestBody)
        let request = IdempotentRequest(
            key: value, cartID: cartID, route: route,
            fingerprint: digest.map { String(format: "%02x", $0) }.joined())
        do {
            let reply = try await storefront.idempotent(request) { [value] in
                let (body, isFinal) = try await work(value)
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
    /// a name), `work` gets the cart id and the key. `isFinal` says which answers a retry replays.
    /// `recordsGeneratedKeys`: see `IdempotencyKey.respond`.
    @discardableResult
    func idempotent<Body: Encodable & Sendable>(
        _ path: RouterPath, route: String, storefront: any StorefrontAPI, recordsGeneratedKeys: Bool = false,
        isFinal: @escaping @Sendable (Body) -> Bool = { _ in true },
        _ work: @escaping @Sendable (_ cartID: String, _ key: String) async throws -> Body
    ) -> Self {
        on(path, method: .post) { request, context in
            let cartID = try context.parameters.require("id")
            return try await IdempotencyKey(request).respond(
                via: storefront, cartID: cartID, route: route, recordsGeneratedKeys: recordsGeneratedKeys
            ) { key in
                let body = try await work(cartID, key)
                return (body, isFinal(body))
            }
        }
    }
}
