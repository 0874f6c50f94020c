import Hummingbird
import MedusaAPI

extension StoreRoutes {
    /// Orders by id, by cart, and by display id plus email (the guest order lookup).
    func addOrderRoutes(to store: RouterGroup<Context>) {
        store.json(.get, "orders/{id}") { _, context in
            StoreOrdersRes(order: try await storefront.order(id: context.parameters.require("id")))
        }
        store.json(.get, "orders/cart/{cart_id}") { _, context in
            StoreOrdersRes(order: try await storefront.order(cartID: context.parameters.require("cart_id")))
        }
        store.on("orders", method: .get) { request, _ in
            let lookup = try OrderLookup(StoreQuery(request))
            guard let order = try await storefront.order(displayID: lookup.displayID, email: lookup.email) else {
                // Medusa's `res.sendStatus(404)`: plain text, not the JSON envelope.
                return MedusaJSONResponse.status(.notFound)
            }
            return try MedusaJSONResponse.make(StoreOrdersRes(order: order))
        }
    }
}

/// `GET /store/orders?display_id=&email=`: both are required, with class-validator's messages.
struct OrderLookup {
    var displayID: Int
    var email: String

    init(_ query: StoreQuery) throws(MedusaError) {
        let displayID = query.string("display_id").flatMap { Int($0) }
        let email = query.string("email").flatMap { $0.isEmpty ? nil : $0 }
        var problems: [String] = []
        if displayID == nil { problems.append("display_id must be a number conforming to the specified constraints") }
        if email == nil { problems.append("email must be an email") }
        guard let displayID, let email else { throw .invalidData(problems.joined(separator: ", ")) }
        self.displayID = displayID
        self.email = email
    }
}
