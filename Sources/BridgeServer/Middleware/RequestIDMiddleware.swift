import Bridge
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Gives every request an id: the client's `X-Request-Id` when it is sane (1–128 visible ASCII characters),
/// else a new UUID. It is echoed in the response and, with the cart id when the route names one, added to
/// every log line written while the request is served.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let id = request.headers[.requestID].flatMap(Self.accepted) ?? UUID().uuidString.lowercased()
        var metadata: Logger.Metadata = ["request_id": .string(id)]
        if let cartID = Self.cartID(context) {
            metadata["cart_id"] = .string(cartID)
        }
        var context = context
        // Hummingbird's own per-request id, replaced so that every line carries the same one.
        context.logger[metadataKey: "hb.request.id"] = .string(id)
        for (key, value) in metadata { context.logger[metadataKey: key] = value }
        var response = try await RequestLogMetadata.$current.withValue(metadata) {
            try await next(request, context)
        }
        response.headers[.requestID] = id
        return response
    }

    static func accepted(_ sent: String) -> String? {
        (1...128).contains(sent.utf8.count) && sent.utf8.allSatisfy { (0x21...0x7E).contains($0) } ? sent : nil
    }

    /// `/store/carts/{id}…` and `…/{cart_id}` routes name a cart.
    private static func cartID(_ context: Context) -> String? {
        if let cartID = context.parameters.get("cart_id") { return cartID }
        guard context.endpointPath?.hasPrefix("/store/carts/") == true else { return nil }
        return context.parameters.get("id")
    }
}

extension HTTPField.Name {
    static let requestID = Self("X-Request-Id")!
}
