import CardCrypto
import Foundation
import FullCartAPI
import Hummingbird

extension SimulatorRoutes {
    /// The payment host: the public key (K1, no auth) and complete-order (O1 and its v1 twin).
    func addPaymentRoutes(to router: Router<Context>) {
        merchantRoute(router, .get, "/api/v1/payment/key") { [state] request, _ in
            let key = await state.currentPaymentKey
            let headers: HTTPFields = [Self.keyIDHeader: key.kid]
            switch (request.uri.queryParameters.get("format") ?? "JWK").uppercased() {
            case "JWK": return try JSONIO.response(key.publicJWK, headers: headers)
            case "PEM": return JSONIO.text(key.publicJWK.spkiPEM, headers: headers)
            case "RSA": return JSONIO.text(key.publicJWK.pkcs1PEM, headers: headers)
            default: throw SimulatorError.invalidRequest("format must be JWK, PEM or RSA")
            }
        }
        for version in ["v1", "v2"] {
            merchantRoute(router, .post, "/api/\(version)/payment/domains/:domain/complete-order") {
                request, context in
                try await completeOrder(request, context: context)
            }
        }
    }

    /// Request problems (400) first, then cart readiness (404/409/422), then the card's outcome (402/503).
    private func completeOrder(_ request: Request, context: Context) async throws -> Response {
        let device = try await authenticatedDevice(request)
        let domain = try merchantDomain(context)
        let body = try await JSONIO.decode(
            FullCartCompleteOrderRequest.self, from: request, context: context,
            required: ["encrypted_card", "billing_info"])
        let billingInfo = try AddressRules.validated(body.billingInfo, fieldPrefix: "billing_info.")
        guard let keys = await state.cardKeyStore() else {
            throw SimulatorError(status: 500, code: "ErrorInternal", description: "No payment key is available")
        }
        let decrypted: (kid: String, card: CardDetails)
        do {
            decrypted = try keys.decryptCard(body.encryptedCard, now: Date())
        } catch .jwe(.unknownKeyID) {
            throw SimulatorError.invalidInputBody("encrypted_card was encrypted to an unknown or retired key")
        } catch .jwe(let error) {
            throw SimulatorError.invalidInputBody("encrypted_card could not be decrypted: \(error.description)")
        } catch .card(let error) {
            throw SimulatorError.invalidInputBody("encrypted_card holds an invalid card: \(error.description)")
        }

        let completed = try await state.completeOrder(
            deviceID: device, domain: domain, billingInfo: billingInfo, card: decrypted.card, keyID: decrypted.kid)
        logger.info(
            "Order placed",
            metadata: [
                "order": "\(completed.cart.platformOrderNumber ?? "")", "domain": "\(domain)",
                "card.last_four": "\(decrypted.card.lastFour)",
            ])
        switch completed.answer {
        case .order:
            break
        case .dropConnection:
            logger.notice(
                "Fault: dropping the connection after committing the order", metadata: ["domain": "\(domain)"])
            try? await context.channel.close()
            // Never delivered: the connection is already closed.
            return Response(status: .noContent)
        case .proxyError(let status):
            logger.notice(
                "Fault: answering a proxy error page after committing the order",
                metadata: ["domain": "\(domain)", "status": "\(status)"])
            return Response(
                status: HTTPResponse.Status(code: status), headers: [.contentType: "text/html"],
                body: ResponseBody(
                    byteBuffer: ByteBuffer(string: "<html><body><h1>\(status) Bad Gateway</h1>nginx</body></html>")))
        case .refusal:
            logger.notice(
                "Fault: refusing a complete-order after committing it", metadata: ["domain": "\(domain)"])
            throw SimulatorError.invalidInputBody("billing_info could not be verified")
        }
        return try JSONIO.response(completed.cart)
    }
}
