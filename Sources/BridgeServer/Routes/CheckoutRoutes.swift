import Hummingbird
import MedusaAPI

extension StoreRoutes {
    /// Shipping, payment sessions, taxes and completion. Payment-session creation, taxes and completion
    /// follow Medusa's `Idempotency-Key` rules; completion hands the key to the domain.
    func addCheckoutRoutes(to store: RouterGroup<Context>) {
        store.json(.get, "shipping-options/{cart_id}") { _, context in
            StoreCartShippingOptionsListRes(
                shippingOptions: try await storefront.shippingOptions(cartID: context.parameters.require("cart_id")))
        }
        store.cart(.post, "carts/{id}/shipping-methods") { request, context in
            try await storefront.addShippingMethod(
                cartID: context.parameters.require("id"),
                bodies.decode(StorePostCartsCartShippingMethodReq.self, from: request))
        }
        store.idempotent(
            "carts/{id}/payment-sessions", route: "payment-sessions", ledger: idempotency, recordsGeneratedKeys: false
        ) { cartID in
            StoreCartPaymentSessionsRes(cart: try await storefront.createPaymentSessions(cartID: cartID))
        }
        store.cart(.post, "carts/{id}/payment-session") { request, context in
            try await storefront.selectPaymentSession(
                cartID: context.parameters.require("id"),
                bodies.decode(StorePostCartsCartPaymentSessionReq.self, from: request))
        }
        store.cart(.post, "carts/{id}/payment-sessions/{provider_id}") { request, context in
            try await storefront.updatePaymentSession(
                cartID: context.parameters.require("id"), providerID: context.parameters.require("provider_id"),
                bodies.decode(StorePostCartsCartPaymentSessionUpdateReq.self, from: request))
        }
        store.cart(.post, "carts/{id}/payment-sessions/{provider_id}/refresh") { _, context in
            try await storefront.refreshPaymentSession(
                cartID: context.parameters.require("id"), providerID: context.parameters.require("provider_id"))
        }
        store.cart(.delete, "carts/{id}/payment-sessions/{provider_id}") { _, context in
            try await storefront.deletePaymentSession(
                cartID: context.parameters.require("id"), providerID: context.parameters.require("provider_id"))
        }
        store.idempotent("carts/{id}/taxes", route: "taxes", ledger: idempotency, recordsGeneratedKeys: false) { cartID in
            StoreCartsRes(cart: try await storefront.calculateTaxes(cartID: cartID))
        }
        // `complete-cart` is Medusa's deprecated alias, served by the same handler.
        for path in ["carts/{id}/complete", "carts/{id}/complete-cart"] {
            // A completion keeps a record even for a generated key: the answer may be lost, and Medusa's
            // clients resume with the key the response carried.
            store.idempotent(
                RouterPath(path), route: "complete", ledger: idempotency, recordsGeneratedKeys: true,
                isFinal: \.isFinal
            ) { cartID in
                try await storefront.complete(cartID: cartID)
            }
        }
    }
}
