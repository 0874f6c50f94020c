import Foundation
import Bridge
import MedusaV1
import HTTPTypes
import Hummingbird
import MedusaAPI

extension StoreRoutes {
    /// Creating, reading and editing carts: line items, discounts and CartBridge's merchant addons.
    func addCartRoutes(to store: RouterGroup<Context>) {
        store.cart(.post, "carts") { request, context in
            try await storefront.createCart(
                bodies.decode(StorePostCartReq.self, from: request),
                client: Self.clientInfo(request, context, customer: await cartCustomer(request)))
        }
        store.on("carts/{id}", method: .get) { _, context in
            MedusaJSONResponse.make(encoded: try await storefront.encodedCart(id: context.parameters.require("id")))
        }
        store.cart(.post, "carts/{id}") { request, context in
            try await storefront.updateCart(
                id: context.parameters.require("id"), bodies.decode(StorePostCartsCartReq.self, from: request),
                customer: await cartCustomer(request))
        }
        store.on("carts/{id}/line-items", method: .post) { request, context in
            // Medusa validates the body before it sets up the key, so a bad body gets no Idempotency-Key.
            let body = try await bodies.decode(StorePostCartsCartLineItemsReq.self, from: request)
            let cartID = try context.parameters.require("id")
            let canonical = try LineItemFingerprint(body).encoded()
            return try await IdempotencyKey(request).respond(
                via: idempotency, cartID: cartID, route: "line-items", requestBody: canonical,
                recordsGeneratedKeys: false
            ) {
                (StoreCartsRes(cart: try await storefront.addLineItem(cartID: cartID, body)), isFinal: true)
            }
        }
        store.cart(.post, "carts/{id}/line-items/{line_id}") { request, context in
            try await storefront.updateLineItem(
                cartID: context.parameters.require("id"), lineID: context.parameters.require("line_id"),
                bodies.decode(StorePostCartsCartLineItemsItemReq.self, from: request))
        }
        store.cart(.delete, "carts/{id}/line-items/{line_id}") { _, context in
            try await storefront.deleteLineItem(
                cartID: context.parameters.require("id"), lineID: context.parameters.require("line_id"))
        }
        store.cart(.delete, "carts/{id}/discounts/{code}") { _, context in
            try await storefront.deleteDiscount(
                cartID: context.parameters.require("id"), code: context.parameters.require("code"))
        }
        store.cart(.post, "carts/{id}/addons") { request, context in
            try await storefront.updateAddons(
                cartID: context.parameters.require("id"), bodies.decode(CartBridgeAddonsReq.self, from: request))
        }
    }

    /// What Medusa records in a new cart's `context`: the caller's address (the first `X-Forwarded-For` hop,
    /// as Express with `trust proxy` reads it) and user agent.
    static func clientInfo(_ request: Request, _ context: Context, customer: CartCustomer? = nil) -> ClientInfo {
        let forwarded = request.headers[.xForwardedFor]?.split(separator: ",").first
            .map { $0.trimmingCharacters(in: .whitespaces) }
        return ClientInfo(ip: forwarded ?? context.peerAddress, userAgent: request.headers[.userAgent], customer: customer)
    }

    /// The logged-in customer a cart change belongs to, if any.
    func cartCustomer(_ request: Request) async -> CartCustomer? {
        guard let accounts else { return nil }
        return await accounts.cartCustomer(bearer: request.bearerToken, session: request.cookie(AccountCookie.name))
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
}

/// The line-item body as canonical JSON (sorted keys): a key reused with another item or quantity is refused.
private struct LineItemFingerprint: Encodable {
    let variantID: String
    let quantity: Int
    let metadata: JSONObject?

    init(_ body: StorePostCartsCartLineItemsReq) {
        variantID = body.variantID
        quantity = body.quantity
        metadata = body.metadata
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(self)
    }
}
