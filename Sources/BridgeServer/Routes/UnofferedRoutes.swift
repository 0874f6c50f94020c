import Hummingbird
import MedusaAPI

extension StoreRoutes {
    /// Medusa features Full Cart merchants do not offer: swaps, returns, order edits, payment collections and gift
    /// cards. Each answers Medusa's own envelope (400 `not_allowed` naming the feature, 404 for a lookup, an empty
    /// list for a listing), so a storefront that links to them shows a message instead of breaking.
    func addUnofferedRoutes(to store: RouterGroup<Context>) {
        store.notOffered(.post, "swaps", feature: "Swaps")
        store.notOffered(.get, "swaps/{cart_id}", feature: "Swaps")
        store.notOffered(.post, "returns", feature: "Returns")
        store.notOffered(.get, "order-edits/{id}", feature: "Order edits")
        store.notOffered(.post, "order-edits/{id}/complete", feature: "Order edits")
        store.notOffered(.post, "order-edits/{id}/decline", feature: "Order edits")
        store.notOffered(.get, "payment-collections/{id}", feature: "Payment collections")
        store.notOffered(.post, "payment-collections/{id}/sessions", feature: "Payment collections")
        store.notOffered(.post, "payment-collections/{id}/sessions/batch", feature: "Payment collections")
        store.notOffered(.post, "payment-collections/{id}/sessions/batch/authorize", feature: "Payment collections")
        store.notOffered(.get, "payment-collections/{id}/sessions/{session_id}", feature: "Payment collections")
        store.notOffered(.post, "payment-collections/{id}/sessions/{session_id}", feature: "Payment collections")
        store.notOffered(.post, "payment-collections/{id}/sessions/{session_id}/authorize", feature: "Payment collections")
        store.notFound(.get, "gift-cards/{code}", parameter: "code") { "Gift card with code: \($0) was not found" }
        store.json(.get, "return-reasons") { _, _ in StoreReturnReasonsListRes(returnReasons: []) }
        store.notFound(.get, "return-reasons/{id}", parameter: "id") { "Return Reason with id: \($0) was not found" }
        // Options exist per merchant shipment of a cart (`shipping-options/{cart_id}`), never without one.
        store.json(.get, "shipping-options") { _, _ in StoreCartShippingOptionsListRes(shippingOptions: []) }
    }
}

extension RouterGroup<BridgeRequestContext> {
    /// A route of a feature the merchants do not offer: 400 `not_allowed`, whatever the request.
    func notOffered(_ method: HTTPRequest.Method, _ path: RouterPath, feature: String) {
        on(path, method: method) { _, _ -> Response in
            throw MedusaError.notAllowed("\(feature) are not offered by the merchants behind this store")
        }
    }

    /// A lookup of something that never exists here: Medusa's 404 `not_found`.
    func notFound(
        _ method: HTTPRequest.Method, _ path: RouterPath, parameter: String,
        message: @escaping @Sendable (String) -> String
    ) {
        on(path, method: method) { _, context -> Response in
            throw MedusaError.notFound(message(try context.parameters.require(parameter)))
        }
    }
}
