import Bridge
import Foundation
import MedusaAPI
import MedusaV1
import Testing

@Suite("CheckoutService: discounts and addresses")
struct DiscountAndAddressTests {
    static func discounts(_ codes: [String]) -> StorePostCartsCartReq {
        StorePostCartsCartReq(discounts: codes.map { StorePostCartsCartReq.Code(code: $0) })
    }

    @Test("updateCart(discounts:) replaces the whole list; an empty list clears it")
    func discountsReplaceTheList() async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.newCart([("radiant-tee", "WS12-XS-Orange", 2)])
            try await h.setContact(cart.id)

            var updated = try await h.service.updateCart(id: cart.id, Self.discounts(["save10"]))
            #expect(updated.discountCodes == ["SAVE10"], "codes are upper-cased")
            #expect(updated.discountTotal > 0)

            updated = try await h.service.updateCart(id: cart.id, Self.discounts(["FREESHIP"]))
            #expect(updated.discountCodes == ["FREESHIP"], "SAVE10 was replaced, not kept")

            updated = try await h.service.updateCart(id: cart.id, Self.discounts([]))
            #expect(updated.discountCodes.isEmpty)
            #expect(updated.discountTotal == 0)
            #expect(try await h.service.cart(id: cart.id).discountCodes.isEmpty)
        }
    }

    @Test("deleteDiscount removes that code and its amount")
    func deleteDiscount() async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.newCart([("radiant-tee", "WS12-XS-Orange", 2)])
            let before = try await h.service.cart(id: cart.id)
            let discounted = try await h.service.updateCart(id: cart.id, Self.discounts(["SAVE10"]))
            #expect(discounted.discountTotal > 0)
            #expect(discounted.total < before.total)

            let after = try await h.service.deleteDiscount(cartID: cart.id, code: "save10")
            #expect(after.discountCodes.isEmpty)
            #expect(after.discountTotal == 0)
            #expect(after.total == before.total)
        }
    }

    @Test("an expired or unknown code is an error and the discount list is unchanged", arguments: ["SUMMER2020", "NOSUCHCODE"])
    func refusedCodeKeepsList(code: String) async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.newCart([("radiant-tee", "WS12-XS-Orange", 2)])
            let discounted = try await h.service.updateCart(id: cart.id, Self.discounts(["SAVE10"]))
            #expect(discounted.discountCodes == ["SAVE10"])

            let error = try #require(await medusaError { try await h.service.updateCart(id: cart.id, Self.discounts([code])) })
            #expect([400, 404].contains(error.httpStatus))
            #expect([.notAllowed, .notFound, .invalidData].contains(error.type))

            let stored = try await h.service.cart(id: cart.id)
            #expect(stored.discountCodes == ["SAVE10"])
            #expect(stored.discountTotal == discounted.discountTotal)
        }
    }

    /// Re-reading the merchant carts (`calculateTaxes`, and every `complete`) must still find the code the
    /// storefront was told is applied.
    @Test("after a refused code, the merchant cart still has the previous code")
    func refusedCodeKeepsMerchantCoupons() async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.newCart([("radiant-tee", "WS12-XS-Orange", 2)])
            let discounted = try await h.service.updateCart(id: cart.id, Self.discounts(["SAVE10"]))
            _ = await medusaError { try await h.service.updateCart(id: cart.id, Self.discounts(["SUMMER2020"])) }

            let refreshed = try await h.service.calculateTaxes(cartID: cart.id)
            #expect(refreshed.discountCodes == ["SAVE10"])
            #expect(refreshed.discountTotal == discounted.discountTotal)
        }
    }

    @Test("a partial shipping address is merged into the existing one")
    func partialAddressIsMerged() async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.newCart()
            try await h.setContact(cart.id, address: CheckoutHarness.address(phone: nil))
            let updated = try await h.service.updateCart(
                id: cart.id,
                StorePostCartsCartReq(shippingAddress: .set(.payload(AddressPayload(phone: .set("2065550000"))))))
            let address = try #require(updated.shippingAddress)
            #expect(address.phone == "2065550000")
            #expect(address.firstName == "Ada")
            #expect(address.lastName == "Lovelace")
            #expect(address.address1 == "1 Analytical Way")
            #expect(address.city == "Seattle")
            #expect(address.province?.uppercased() == "WA")
            #expect(address.postalCode == "98101")
            #expect(address.countryCode == "us")
            #expect(updated.email == "ada@example.com")

            let city = try await h.service.updateCart(
                id: cart.id, StorePostCartsCartReq(shippingAddress: .set(.payload(AddressPayload(city: .set("Tacoma"))))))
            #expect(city.shippingAddress?.city == "Tacoma")
            #expect(city.shippingAddress?.phone == "2065550000")
        }
    }

    @Test("a shipping country outside the region is refused")
    func countryOutsideRegion() async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.newCart()
            let error = try #require(
                await medusaError {
                    try await h.service.updateCart(
                        id: cart.id,
                        StorePostCartsCartReq(
                            shippingAddress: .set(.payload(AddressPayload(countryCode: .set("fr"))))))
                })
            #expect(error.type == .invalidData)
            #expect(error.message == "Shipping country must be in the cart region")
        }
    }

    @Test("without a phone, complete fails with 400 naming shipping_address.phone before any merchant order")
    func missingPhoneFailsCompletion() async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.newCart()
            try await h.setContact(cart.id, address: CheckoutHarness.address(phone: nil))
            try await h.pay(cart.id)

            let error = try #require(await medusaError { try await h.complete(cart.id) })
            #expect(error.httpStatus == 400)
            #expect(error.type == .invalidData)
            #expect(error.message.contains("shipping_address.phone"))
            #expect(!error.message.contains("shipping_address.city"), "only the missing field is named")
            #expect(try await h.ledger().isEmpty)
            #expect(try await h.service.cart(id: cart.id).completedAt == nil)
        }
    }

    @Test("choosing a shipping method needs the whole address, naming what is missing")
    func shippingMethodNeedsAddress() async throws {
        try await CheckoutHarness.run { h in
            let cart = try await h.newCart()
            try await h.setContact(cart.id, address: CheckoutHarness.address(phone: nil))
            let option = try #require(try await h.service.shippingOptions(cartID: cart.id).first)
            let error = try #require(
                await medusaError {
                    try await h.service.addShippingMethod(
                        cartID: cart.id, StorePostCartsCartShippingMethodReq(optionID: option.id))
                })
            #expect(error.httpStatus == 400)
            #expect(error.message.contains("shipping_address.phone"))
        }
    }
}
