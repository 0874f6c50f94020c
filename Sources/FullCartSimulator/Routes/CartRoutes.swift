import FullCartAPI
import Hummingbird

extension SimulatorRoutes {
    /// Cart management, shipping, shipment configuration, addons and promotions (v2, reference §2.2–2.6).
    func addCartRoutes(to router: Router<Context>) {
        let cart = "/api/v2/domains/:domain/cart"

        // The router ignores a trailing slash, so this also serves `cart/` (reference §7.1).
        merchantRoute(router, .get, cart) { [state] request, context in
            let device = try await authenticatedDevice(request)
            return try JSONIO.response(try await state.cart(deviceID: device, domain: try merchantDomain(context)))
        }

        cartMutation(router, .post, cart + "/line-items") { request, context in
            let body = try await JSONIO.decode(
                FullCartAddLineItemRequest.self, from: request, context: context,
                required: ["add_to_cart_ref", "quantity"])
            let flush = ["true", "1"].contains(request.uri.queryParameters.get("flush_cart")?.lowercased() ?? "")
            return { cart, cartContext throws(SimulatorError) in
                try cart.addLine(body, flushCart: flush, merchant: cartContext.merchant, stock: cartContext.stock)
            }
        }
        cartMutation(router, .put, cart + "/line-items/:lineItemID") { request, context in
            let lineItemID = try context.parameters.require("lineItemID")
            let body = try await JSONIO.decode(
                FullCartUpdateLineItemRequest.self, from: request, context: context, required: ["quantity"])
            return { cart, cartContext throws(SimulatorError) in
                try cart.updateLine(
                    id: lineItemID, quantity: body.quantity, merchant: cartContext.merchant, stock: cartContext.stock)
            }
        }
        cartMutation(router, .delete, cart + "/line-items") { _, _ in
            { cart, _ in cart.clear() }
        }

        for method in [HTTPRequest.Method.post, .put] {
            cartMutation(router, method, cart + "/shipping-info") { request, context in
                let address = try await JSONIO.decode(FullCartAddress.self, from: request, context: context)
                return { cart, cartContext throws(SimulatorError) in
                    try cart.setShippingInfo(address, merchant: cartContext.merchant)
                }
            }
        }

        cartMutation(router, .post, cart + "/shipments/fulfillment-type") { request, context in
            let body = try await JSONIO.decode(
                FullCartFulfillmentTypeRequest.self, from: request, context: context,
                required: ["shipment_id", "fulfillment_type"])
            return { cart, cartContext throws(SimulatorError) in
                try cart.setFulfillmentType(body, merchant: cartContext.merchant)
            }
        }
        // The documented path, and the one a live client tried (reference §2.4, §7.2).
        for path in [cart + "/shipment/methods", cart + "/shipments/shipping-method"] {
            cartMutation(router, .post, path) { request, context in
                let body = try await JSONIO.decode(
                    FullCartShippingMethodRequest.self, from: request, context: context,
                    required: ["shipment_id", "shipping_method_id"])
                return { cart, cartContext throws(SimulatorError) in
                    try cart.setShippingMethod(body, merchant: cartContext.merchant)
                }
            }
        }

        cartMutation(router, .post, cart + "/addons") { request, context in
            let body = try await JSONIO.decode(
                FullCartAddonsRequest.self, from: request, context: context, required: ["selections"])
            guard body.selections.count == 1 else {
                throw SimulatorError.invalidInputBody("selections must hold exactly one selection per call")
            }
            return { cart, cartContext throws(SimulatorError) in
                try cart.selectAddon(body.selections[0], merchant: cartContext.merchant)
            }
        }
        cartMutation(router, .post, cart + "/addons/_remove") { request, context in
            let body = try await JSONIO.decode(
                FullCartRemoveAddonRequest.self, from: request, context: context, required: ["addon_id"])
            return { cart, cartContext throws(SimulatorError) in
                try cart.removeAddon(body, merchant: cartContext.merchant)
            }
        }

        for method in [HTTPRequest.Method.post, .put] {
            cartMutation(router, method, cart + "/promo-codes") { request, context in
                let body = try await JSONIO.decode(
                    FullCartPromoCodesRequest.self, from: request, context: context, required: ["promo_codes"])
                return { cart, cartContext throws(SimulatorError) in
                    try cart.applyPromoCodes(body.promoCodes, merchant: cartContext.merchant, now: cartContext.now)
                }
            }
        }
        cartMutation(router, .delete, cart + "/promo-codes") { _, _ in
            { cart, _ in cart.coupons = [] }
        }
    }

    typealias CartMutation = @Sendable (inout CartState, CartContext) throws(SimulatorError) -> Void

    /// A cart-changing endpoint: authenticate, read the request into a mutation, apply it atomically, answer
    /// with the whole cart.
    private func cartMutation(
        _ router: Router<Context>, _ method: HTTPRequest.Method, _ path: String,
        prepare: @escaping @Sendable (Request, Context) async throws -> CartMutation
    ) {
        merchantRoute(router, method, path) { [state] request, context in
            let device = try await authenticatedDevice(request)
            let mutation = try await prepare(request, context)
            return try JSONIO.response(
                try await state.mutateCart(deviceID: device, domain: try merchantDomain(context), mutation))
        }
    }
}
