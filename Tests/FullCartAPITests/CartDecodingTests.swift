import Foundation
import Testing

@testable import FullCartAPI

@Suite("Full Cart wire decoding")
struct CartDecodingTests {
    private func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    @Test("the reference's full v2 example decodes with consistent totals")
    func referenceExample() throws {
        let cart = try decode(FullCartCart.self, Fixtures.referenceCart)
        #expect(cart.cartID == "cart_01H2XVBR8C8JS5MQSFPJ8HF9SA")
        #expect(cart.status == .active)
        #expect(cart.lineItems.first?.linePrice.minorUnits == 10800)
        #expect(cart.shipments.first?.shippingMethod?.id == "STANDARD_GROUND")
        let sum = [cart.subTotal, cart.shippingTotal, cart.taxTotal, cart.addonTotal].compactMap { $0?.minorUnits }
            .reduce(0, +)
        #expect(sum == cart.total?.minorUnits)
    }

    @Test("a minimal cart decodes: absent lists are empty and unknown fields are ignored")
    func minimalCart() throws {
        let cart = try decode(FullCartCart.self, #"{"cart_id":"c1","surprise":{"nested":[1,2]}}"#)
        #expect(cart.lineItems.isEmpty && cart.shipments.isEmpty && cart.notices.isEmpty && cart.coupons.isEmpty)
        #expect(cart.status == .active)
        #expect(cart.addons == FullCartAddons())
    }

    @Test("unknown cart statuses are kept, not rejected")
    func unknownStatus() throws {
        let cart = try decode(FullCartCart.self, #"{"cart_id":"c1","cart_status":"on_hold"}"#)
        #expect(cart.status.rawValue == "on_hold")
    }

    @Test("notices may be strings (v1) or objects; coupons may be strings or objects")
    func noticesAndCoupons() throws {
        let cart = try decode(
            FullCartCart.self,
            #"""
            {"cart_id":"c1","notices":["CART_ITEMS_REMOVED",{"code":"ITEM_NOT_SHIPPABLE","message":"no","line_item_id":"i1"}],
             "coupons":["SAVE10",{"code":"FREESHIP"}]}
            """#)
        #expect(cart.notices == [
            FullCartNotice(code: "CART_ITEMS_REMOVED"),
            FullCartNotice(code: "ITEM_NOT_SHIPPABLE", message: "no", lineItemID: "i1"),
        ])
        #expect(cart.coupons == ["SAVE10", "FREESHIP"])
    }

    @Test("image src, v1 shipping method sku and money without number are accepted")
    func alternativeSpellings() throws {
        let item = try decode(
            FullCartLineItem.self,
            #"{"line_item_id":"i","quantity":2,"price":{"value":5.99,"currency":"USD"},"line_price":{"value":11.98,"currency":"USD"},"image":{"src":"https://x/y.jpg"}}"#
        )
        #expect(item.image?.url == "https://x/y.jpg")
        #expect(item.linePrice.minorUnits == 1198)
        let method = try decode(
            FullCartShippingMethod.self, #"{"sku":"express_2day","price":{"value":14.99,"currency":"USD"}}"#)
        #expect(method.id == "express_2day")
    }

    @Test("the clear-cart example's address spellings map onto the request names")
    func addressAlternatives() throws {
        let address = try decode(
            FullCartAddress.self,
            #"{"first_name":"A","address_line_1":"1 Way","state_code":"WA","zip":"98052","country_code":"US"}"#)
        #expect(address.address1 == "1 Way")
        #expect(address.stateOrProvince == "WA")
        #expect(address.postalCode == "98052")
        #expect(address.country == "US")
        let encoded = String(decoding: try JSONEncoder().encode(address), as: UTF8.self)
        #expect(encoded.contains("\"address1\"") && !encoded.contains("address_line_1"))
    }

    @Test("required address fields that are missing or blank are listed in order")
    func missingAddressFields() {
        let address = FullCartAddress(firstName: "A", lastName: " ", email: "a@b.c", address1: "1 Way", city: "X")
        #expect(address.missingRequiredFields == [.lastName, .phone, .stateOrProvince, .postalCode, .country])
    }

    @Test("add_to_cart_ref round-trips every key verbatim")
    func addToCartRefVerbatim() throws {
        let json = #"{"variant_id":"WS12-XS-Orange","product_id":"p1","variant_handles":["color:blue"],"extra":7}"#
        let ref = try decode(FullCartAddToCartRef.self, json)
        #expect(ref.variantID == "WS12-XS-Orange")
        let again = try decode(FullCartAddToCartRef.self, String(decoding: try JSONEncoder().encode(ref), as: UTF8.self))
        #expect(again == ref)
    }

    @Test(
        "both error envelopes decode",
        arguments: [
            (#"{"code":400,"error":"ErrorCountryNotSupported","description":"Country 'XX'"}"#, "ErrorCountryNotSupported", "Country 'XX'"),
            (#"{"error":"InvalidAppId","message":"Application ID is invalid or not found"}"#, "InvalidAppId", "Application ID is invalid or not found"),
            (#"{"error":"TokenExpired"}"#, "TokenExpired", "TokenExpired"),
        ])
    func errorEnvelopes(json: String, code: String, text: String) throws {
        let body = try decode(FullCartErrorBody.self, json)
        #expect(body.error == code)
        #expect(body.text == text)
    }
}

enum Fixtures {
    /// Reference §3.9, verbatim except for the elided image URL.
    static let referenceCart = #"""
        {
          "cart_id": "cart_01H2XVBR8C8JS5MQSFPJ8HF9SA",
          "platform_id": "magento", "shop_id": "staging.luma.gift", "display_name": "Luma Store",
          "cart_status": "active",
          "line_items": [{
            "line_item_id": "item_01H2XVBR8C8JS5MQSFPJ8HF9SB", "platform_line_item_id": "0",
            "sku": "MH07-XS-Gray", "variant_id": "MH07-XS-Gray", "base_sku": "MH07",
            "description": "Hero Hoodie", "variant_description": "Gray / XS", "quantity": 2,
            "price": {"currency":"USD","value":54.00,"number":5400,"symbol":"$"},
            "line_price": {"currency":"USD","value":108.00,"number":10800,"symbol":"$"},
            "msrp": {"currency":"USD","value":64.00,"number":6400,"symbol":"$"},
            "image": {"url":"https://example.com/hero-hoodie.jpg","alt":"Hero Hoodie","type":"default"},
            "requires_shipping": true }],
          "shipments": [{
            "shipment_id": "ship_01H2XVBR8C8JS5MQSFPJ8HF9SC",
            "line_item_ids": ["item_01H2XVBR8C8JS5MQSFPJ8HF9SB"],
            "fulfillment_type": {"id":"SHIP_TO_ADDRESS","name":"Ship to Address","description":"Standard shipping to customer address"},
            "fulfillment_type_options": [{"id":"SHIP_TO_ADDRESS","name":"Ship to Address","description":"…"}],
            "shipping_method_options": [{"id":"STANDARD_GROUND","description":"Standard Ground Shipping",
                "price":{"currency":"USD","value":49.99,"number":4999,"symbol":"$"},"estimated_delivery":"5-7 business days"}],
            "shipping_method": {"id":"STANDARD_GROUND","description":"Standard Ground Shipping",
                "price":{"currency":"USD","value":49.99,"number":4999,"symbol":"$"},"estimated_delivery":"5-7 business days"} }],
          "addons": {"offers": [], "selections": []},
          "sub_total": {"currency":"USD","value":108.00,"number":10800,"symbol":"$"},
          "shipping_total": {"currency":"USD","value":49.99,"number":4999,"symbol":"$"},
          "tax_total": {"currency":"USD","value":10.80,"number":1080,"symbol":"$"},
          "addon_total": {"currency":"USD","value":0,"number":0,"symbol":"$"},
          "total": {"currency":"USD","value":168.79,"number":16879,"symbol":"$"},
          "coupons": [], "notices": [],
          "payment_method_options": [{"type":"CreditCard","wallet":"user"}],
          "schema_version": "2.0"
        }
        """#
}
