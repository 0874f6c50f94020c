import Bridge
import Foundation
import MedusaAPI
import MedusaV1
import Testing

@Suite("CheckoutService: line items, unknown ids, shipping methods")
struct CartTests {
    enum LineChange: String, CaseIterable, Sendable {
        case add, update, delete
    }

    @Test("any line-item add, update or delete removes the cart's shipping methods", arguments: LineChange.allCases)
    func lineItemChangeDropsShipping(change: LineChange) async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.newCart([("radiant-tee", "WS12-XS-Orange", 1), ("hero-hoodie", "MH07-XS-Gray", 1)])
            try await h.setContact(cart.id)
            let shipped = try await h.chooseCheapestShipping(cart.id)
            #expect(!shipped.shippingMethods.isEmpty)
            #expect(shipped.shippingTotal > 0)
            let line = try #require(shipped.items.first)

            let changed: Cart
            switch change {
            case .add:
                let variantID = try await h.variantID(handle: "canvas-tote", sku: "AC09-Natural")
                changed = try await h.service.addLineItem(
                    cartID: cart.id, StorePostCartsCartLineItemsReq(variantID: variantID, quantity: 1))
            case .update:
                changed = try await h.service.updateLineItem(
                    cartID: cart.id, lineID: line.id, StorePostCartsCartLineItemsItemReq(quantity: 3))
            case .delete:
                changed = try await h.service.deleteLineItem(cartID: cart.id, lineID: line.id)
            }
            #expect(changed.shippingMethods.isEmpty)
            #expect(changed.shippingTotal == 0)
            #expect(try await h.service.cart(id: cart.id).shippingMethods.isEmpty, "the drop is saved")
            #expect(changed.items.count == (change == .add ? 3 : change == .update ? 2 : 1))
        }
    }

    @Test("updating a line to quantity 0 removes it; a new quantity is kept")
    func quantityZeroRemovesLine() async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.newCart([("radiant-tee", "WS12-XS-Orange", 1), ("hero-hoodie", "MH07-XS-Gray", 2)])
            #expect(cart.items.count == 2)
            let tee = try #require(cart.items.first { $0.quantity == 1 })
            let hoodie = try #require(cart.items.first { $0.quantity == 2 })

            var updated = try await h.service.updateLineItem(
                cartID: cart.id, lineID: hoodie.id, StorePostCartsCartLineItemsItemReq(quantity: 4))
            #expect(updated.items.first { $0.id == hoodie.id }?.quantity == 4)

            updated = try await h.service.updateLineItem(
                cartID: cart.id, lineID: tee.id, StorePostCartsCartLineItemsItemReq(quantity: 0))
            #expect(updated.items.map(\.id) == [hoodie.id])
            #expect(try await h.service.cart(id: cart.id).items.map(\.id) == [hoodie.id])
        }
    }

    /// An id that is not ours, and one that is well formed but names no line of this cart.
    static let unknownLineIDs = [
        "item_01HZZZZZZZZZZZZZZZZZZZZZZZ",
        StableID.lineItem(domain: "apparel.example", lineItemID: "no-such-line").id,
    ]

    @Test("updating an unknown line is 400 invalid_data \"Could not find the line item\"", arguments: unknownLineIDs)
    func updateUnknownLine(lineID: String) async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.newCart()
            let error = try #require(
                await medusaError {
                    try await h.service.updateLineItem(
                        cartID: cart.id, lineID: lineID, StorePostCartsCartLineItemsItemReq(quantity: 2))
                })
            #expect(error.type == .invalidData)
            #expect(error.httpStatus == 400)
            #expect(error.message == "Could not find the line item")
            #expect(try await h.service.cart(id: cart.id).items.map(\.quantity) == [1])
        }
    }

    @Test("deleting an unknown line is a silent no-op returning the cart", arguments: unknownLineIDs)
    func deleteUnknownLine(lineID: String) async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.newCart()
            try await h.setContact(cart.id)
            let shipped = try await h.chooseCheapestShipping(cart.id)
            let after = try await h.service.deleteLineItem(cartID: cart.id, lineID: lineID)
            #expect(after.id == cart.id)
            #expect(after.items.map(\.id) == shipped.items.map(\.id))
            #expect(after.items.map(\.quantity) == [1])
        }
    }

    static let unknownVariantIDs = [
        "variant_01HZZZZZZZZZZZZZZZZZZZZZZZ",
        StableID.variant(domain: "apparel.example", sku: "NO-SUCH-SKU").id,
        StableID.variant(domain: "unknown.example", sku: "WS12-XS-Orange").id,
    ]

    @Test("adding an unknown variant is 404 and leaves the cart alone", arguments: unknownVariantIDs)
    func unknownVariant(variantID: String) async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.newCart()
            let error = try #require(
                await medusaError {
                    try await h.service.addLineItem(
                        cartID: cart.id, StorePostCartsCartLineItemsReq(variantID: variantID, quantity: 1))
                })
            #expect(error.type == .notFound)
            #expect(error.httpStatus == 404)
            #expect(try await h.service.cart(id: cart.id).items.count == 1)
        }
    }

    enum CartOperation: String, CaseIterable, Sendable {
        case read, update, addLine, shippingOptions, paymentSessions, complete
    }

    @Test("an unknown cart is 404 \"Cart with X was not found\"", arguments: CartOperation.allCases)
    func unknownCart(operation: CartOperation) async throws {
        try await CheckoutHarness.run { h in
            let id = "cart_01HNOSUCHCARTAAAAAAAAAAAAA"
            let variantID = try await h.variantID(handle: "radiant-tee", sku: "WS12-XS-Orange")
            let error = try #require(
                await medusaError { () async throws -> Void in
                    switch operation {
                    case .read: _ = try await h.service.cart(id: id)
                    case .update: _ = try await h.service.updateCart(id: id, StorePostCartsCartReq(email: "a@b.co"))
                    case .addLine:
                        _ = try await h.service.addLineItem(
                            cartID: id, StorePostCartsCartLineItemsReq(variantID: variantID, quantity: 1))
                    case .shippingOptions: _ = try await h.service.shippingOptions(cartID: id)
                    case .paymentSessions: _ = try await h.service.createPaymentSessions(cartID: id)
                    case .complete: _ = try await h.complete(id)
                    }
                })
            #expect(error.type == .notFound)
            #expect(error.httpStatus == 404)
            #expect(error.message == "Cart with \(id) was not found")
        }
    }

    @Test("an unknown region is 404 when read, when creating a cart and when updating one")
    func unknownRegion() async throws {
        try await CheckoutHarness.run { h in
            let regionID = "reg_nowhere"
            let read = try #require(await medusaError { try h.service.region(id: regionID) })
            #expect(read.type == .notFound)
            #expect(read.message == "Region with \(regionID) was not found")

            let create = try #require(
                await medusaError {
                    try await h.service.createCart(
                        StorePostCartReq(regionID: regionID), client: ClientInfo(ip: nil, userAgent: nil))
                })
            #expect(create.httpStatus == 404)

            let cart = try await h.newCart()
            let update = try #require(
                await medusaError { try await h.service.updateCart(id: cart.id, StorePostCartsCartReq(regionID: regionID)) })
            #expect(update.httpStatus == 404)
            #expect(try await h.service.cart(id: cart.id).region.id == Shared.regions[0].id)
        }
    }

    @Test("one shipping method per profile: a second option of the same profile replaces the first")
    func secondOptionReplacesFirst() async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.newCart()
            try await h.setContact(cart.id)
            let byProfile = try await h.optionsByProfile(cart.id)
            #expect(byProfile.count == 1, "one merchant shipment, one profile")
            let options = try #require(byProfile.values.first)
            try #require(options.count >= 2)
            let (first, second) = (options[0], options[1])

            var updated = try await h.service.addShippingMethod(
                cartID: cart.id, StorePostCartsCartShippingMethodReq(optionID: first.id))
            #expect(updated.shippingMethods.map(\.shippingOptionID) == [first.id])
            #expect(updated.shippingTotal == first.amount)

            updated = try await h.service.addShippingMethod(
                cartID: cart.id, StorePostCartsCartShippingMethodReq(optionID: second.id))
            #expect(updated.shippingMethods.map(\.shippingOptionID) == [second.id])
            #expect(updated.shippingTotal == second.amount)

            // Choosing the same option again does not duplicate it.
            updated = try await h.service.addShippingMethod(
                cartID: cart.id, StorePostCartsCartShippingMethodReq(optionID: second.id))
            #expect(updated.shippingMethods.map(\.shippingOptionID) == [second.id])
        }
    }

    static let unknownOptionIDs = [
        "so_01HZZZZZZZZZZZZZZZZZZZZZZZ",
        StableID.shippingOption(domain: "apparel.example", shipmentID: "no-shipment", methodID: "STANDARD_SHIPPING").id,
        StableID.shippingOption(domain: "home.example", shipmentID: "s1", methodID: "STANDARD_SHIPPING").id,
    ]

    @Test("an unknown shipping option is 404 \"Shipping Option with X was not found\"", arguments: unknownOptionIDs)
    func unknownShippingOption(optionID: String) async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.newCart()
            try await h.setContact(cart.id)
            let error = try #require(
                await medusaError {
                    try await h.service.addShippingMethod(
                        cartID: cart.id, StorePostCartsCartShippingMethodReq(optionID: optionID))
                })
            #expect(error.type == .notFound)
            #expect(error.message == "Shipping Option with \(optionID) was not found")
            #expect(try await h.service.cart(id: cart.id).shippingMethods.isEmpty)
        }
    }
}
