import Foundation
import MedusaAPI
import Testing

@Suite("Request bodies")
struct RequestDecodingTests {
    /// A body and the `invalid_data` message Medusa would answer it with.
    struct Rejection: Sendable, CustomTestStringConvertible {
        var body: String
        var message: String
        var testDescription: String { body }
    }

    private static func decode<Body: MedusaRequestBody>(_ type: Body.Type, _ json: String) throws(MedusaError) -> Body {
        try MedusaRequestDecoder.decode(type, from: Data(json.utf8))
    }

    private static func rejection<Body: MedusaRequestBody>(_ type: Body.Type, _ json: String) -> MedusaError? {
        do {
            _ = try decode(type, json)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Line items

    @Test func lineItemBodyDecodes() throws {
        let body = try Self.decode(
            StorePostCartsCartLineItemsReq.self, #"{"variant_id":"variant_9","quantity":2,"metadata":{"gift":true}}"#)
        #expect(body == StorePostCartsCartLineItemsReq(variantID: "variant_9", quantity: 2, metadata: ["gift": true]))
    }

    @Test func wholeNumberWrittenAsDecimalIsAnInteger() throws {
        let body = try Self.decode(StorePostCartsCartLineItemsItemReq.self, #"{"quantity":3.0}"#)
        #expect(body.quantity == 3)
    }

    static let lineItemRejections = [
        Rejection(
            body: #"{"variant_id":"variant_9","quantity":1,"foo":1}"#, message: "property foo should not exist"),
        Rejection(
            body: #"{"variant_id":"variant_9","quantity":1,"zed":1,"bar":true}"#,
            message: "property bar should not exist, property zed should not exist"),
        Rejection(body: #"{"variant_id":"variant_9","quantity":"2"}"#, message: "quantity must be an integer number"),
        Rejection(body: #"{"variant_id":"variant_9","quantity":1.5}"#, message: "quantity must be an integer number"),
        Rejection(body: #"{"variant_id":9,"quantity":1}"#, message: "variant_id must be a string"),
        Rejection(body: #"{"quantity":1}"#, message: "variant_id must be a string"),
        Rejection(body: #"{"variant_id":null,"quantity":1}"#, message: "variant_id must be a string"),
        Rejection(
            body: #"{"variant_id":"variant_9","quantity":1,"metadata":"x"}"#, message: "metadata must be an object"),
        Rejection(
            body: #"{"extra":1,"quantity":true}"#,
            message: "property extra should not exist, variant_id must be a string, quantity must be an integer number"),
        Rejection(body: "", message: "variant_id must be a string, quantity must be an integer number"),
        Rejection(body: "  \n", message: "variant_id must be a string, quantity must be an integer number"),
        Rejection(body: "[]", message: "an unknown value was passed to the validate function"),
        Rejection(body: #"[{"variant_id":"variant_9","quantity":1}]"#, message: "an unknown value was passed to the validate function"),
        Rejection(body: #""variant_9""#, message: "an unknown value was passed to the validate function"),
        Rejection(body: #"{"variant_id":"#, message: "The request body is not valid JSON"),
        Rejection(body: #"{"variant_id":"variant_9","quantity":0}"#, message: "quantity must not be less than 1"),
        Rejection(body: #"{"variant_id":"variant_9","quantity":-3}"#, message: "quantity must not be less than 1"),
        Rejection(
            body: #"{"variant_id":"variant_9","quantity":10001}"#, message: "quantity must not be greater than 10000"),
        Rejection(
            body: #"{"variant_id":"variant_9","quantity":9223372036854775807}"#,
            message: "quantity must not be greater than 10000"),
        Rejection(
            body: #"{"variant_id":"variant_9","quantity":1,"metadata":{"note":"\#(String(repeating: "x", count: 16_400))"}}"#,
            message: "metadata must be at most 16384 bytes of JSON"),
    ]

    @Test(arguments: [0, 1, 10_000])
    func aLineQuantityUpdateMayBeZeroToTenThousand(_ quantity: Int) throws {
        #expect(try Self.decode(StorePostCartsCartLineItemsItemReq.self, #"{"quantity":\#(quantity)}"#).quantity == quantity)
    }

    @Test func aLineQuantityUpdateAboveTheBoundIsRejected() {
        #expect(
            Self.rejection(StorePostCartsCartLineItemsItemReq.self, #"{"quantity":10001}"#)
                == .invalidData("quantity must not be greater than 10000"))
    }

    @Test(arguments: lineItemRejections)
    func lineItemBodyIsRejected(_ rejection: Rejection) {
        let error = Self.rejection(StorePostCartsCartLineItemsReq.self, rejection.body)
        #expect(error == .invalidData(rejection.message))
        #expect(error?.httpStatus == 400)
    }

    // MARK: Create cart

    @Test func createCartBodyDecodes() throws {
        let body = try Self.decode(
            StorePostCartReq.self,
            #"{"region_id":"reg_1","country_code":"US","items":[{"variant_id":"variant_9","quantity":1}],"context":{"locale":"en"},"sales_channel_id":"sc_1"}"#)
        #expect(
            body
                == StorePostCartReq(
                    regionID: "reg_1", countryCode: "US", items: [.init(variantID: "variant_9", quantity: 1)],
                    context: ["locale": "en"], salesChannelID: "sc_1"))
    }

    @Test(arguments: ["", "{}", #"{"region_id":null}"#])
    func createCartAcceptsAnEmptyBody(_ json: String) throws {
        #expect(try Self.decode(StorePostCartReq.self, json) == StorePostCartReq())
    }

    static let createCartRejections = [
        Rejection(
            body: #"{"items":[{"quantity":1}]}"#,
            message: "variant_id must be a string, variant_id should not be empty"),
        Rejection(body: #"{"items":[{"variant_id":"","quantity":1}]}"#, message: "variant_id should not be empty"),
        Rejection(
            body: #"{"items":[{"variant_id":"v","quantity":1,"note":"x"}, {"variant_id":"w","quantity":"a"}]}"#,
            message: "property note should not exist, quantity must be an integer number"),
        Rejection(body: #"{"items":{"variant_id":"v"}}"#, message: "items must be an array"),
        Rejection(body: #"{"items":[5]}"#, message: "each value in nested property items must be either object or array"),
        Rejection(body: #"{"context":[1]}"#, message: "context must be an object"),
        Rejection(
            body: #"{"context":{"blob":"\#(String(repeating: "y", count: 17_000))"}}"#,
            message: "context must be at most 16384 bytes of JSON"),
        Rejection(
            body: #"{"items":[{"variant_id":"v","quantity":20000}]}"#, message: "quantity must not be greater than 10000"),
        Rejection(body: #"{"region_id":5,"currency_code":"usd"}"#, message: "property currency_code should not exist, region_id must be a string"),
    ]

    @Test(arguments: createCartRejections)
    func createCartBodyIsRejected(_ rejection: Rejection) {
        #expect(Self.rejection(StorePostCartReq.self, rejection.body) == .invalidData(rejection.message))
    }

    // MARK: Update cart

    @Test func updateCartBodyDecodesAddressesAndCodes() throws {
        let body = try Self.decode(
            StorePostCartsCartReq.self,
            #"""
            {"email":"ada@example.com","billing_address":"addr_1",
             "shipping_address":{"first_name":"Ada","address_2":null,"country_code":"us","metadata":{"door":"blue"}},
             "discounts":[{"code":"SPRING10"}],"gift_cards":[],"customer_id":"cus_1"}
            """#)
        #expect(body.email == "ada@example.com")
        #expect(body.billingAddress == .set(.id("addr_1")))
        #expect(
            body.shippingAddress
                == .set(
                    .payload(
                        AddressPayload(
                            firstName: .set("Ada"), metadata: ["door": "blue"], address2: .clear,
                            countryCode: .set("us")))))
        #expect(body.discounts == [.init(code: "SPRING10")])
        #expect(body.giftCards == [])
        #expect(body.customerID == "cus_1")
    }

    @Test func nullShippingAddressClearsIt() throws {
        let body = try Self.decode(StorePostCartsCartReq.self, #"{"shipping_address":null}"#)
        #expect(body.shippingAddress == .clear)
        #expect(body.billingAddress == nil)
    }

    @Test func addressUpdateMergesIntoTheCurrentValue() {
        let absent: FieldUpdate<String>? = nil
        #expect(absent.applied(to: "Suite 1") == "Suite 1")
        #expect(FieldUpdate<String>?.some(.clear).applied(to: "Suite 1") == nil)
        #expect(FieldUpdate<String>?.some(.set("Suite 2")).applied(to: "Suite 1") == "Suite 2")
    }

    static let updateCartRejections = [
        Rejection(body: #"{"metadata":{"a":1}}"#, message: "property metadata should not exist"),
        Rejection(body: #"{"email":"not-an-email"}"#, message: "email must be an email"),
        Rejection(body: #"{"email":42}"#, message: "email must be an email"),
        Rejection(body: #"{"shipping_address":42}"#, message: "shipping_address must be one of AddressPayload or String"),
        Rejection(
            body: #"{"billing_address":{"first_name":1,"street":"x"}}"#,
            message: "property street should not exist, first_name must be a string"),
        Rejection(body: #"{"discounts":[{"code":5}]}"#, message: "code must be a string"),
        Rejection(body: #"{"gift_cards":[{}]}"#, message: "code must be a string"),
    ]

    @Test func aFloodOfUnknownPropertiesIsCountedNotListed() {
        let members = (0..<30).map { #""k\#(String(format: "%02d", $0))":1"# }.joined(separator: ",")
        let listed = (0..<20).map { "property k\(String(format: "%02d", $0)) should not exist" }.joined(separator: ", ")
        #expect(
            Self.rejection(StorePostCartReq.self, "{\(members)}") == .invalidData(listed + ", and 10 more problems"))
    }

    @Test(arguments: updateCartRejections)
    func updateCartBodyIsRejected(_ rejection: Rejection) {
        #expect(Self.rejection(StorePostCartsCartReq.self, rejection.body) == .invalidData(rejection.message))
    }

    @Test(arguments: ["ada@example.com", "first.last+tag@mail.example.co.uk", "o'brien@example.ie"])
    func acceptsEmail(_ email: String) throws {
        #expect(try Self.decode(StorePostCartsCartReq.self, #"{"email":"\#(email)"}"#).email == email)
    }

    @Test(arguments: [
        "ada@", "@example.com", "ada@example", "ada@example.c", "a da@example.com", "ada..x@example.com", "ada@-x.com",
        // 1 character but 101 bytes: the local part's limit is 64 bytes, as in validator.js.
        "e" + String(repeating: "\u{301}", count: 50) + "@example.com",
    ])
    func rejectsEmail(_ email: String) {
        #expect(Self.rejection(StorePostCartsCartReq.self, #"{"email":"\#(email)"}"#) == .invalidData("email must be an email"))
    }

    // MARK: Shipping and payment

    @Test func shippingMethodDataDefaultsToEmpty() throws {
        #expect(try Self.decode(StorePostCartsCartShippingMethodReq.self, #"{"option_id":"so_1"}"#).data == [:])
        #expect(
            Self.rejection(StorePostCartsCartShippingMethodReq.self, #"{"data":{}}"#)
                == .invalidData("option_id must be a string"))
    }

    @Test func paymentSessionBodies() throws {
        #expect(
            try Self.decode(StorePostCartsCartPaymentSessionReq.self, #"{"provider_id":"cartbridge-card"}"#)
                .providerID == "cartbridge-card")
        #expect(
            try Self.decode(StorePostCartsCartPaymentSessionUpdateReq.self, #"{"data":{"jwe":"a.b.c.d.e"}}"#).data
                == ["jwe": "a.b.c.d.e"])
        #expect(
            Self.rejection(StorePostCartsCartPaymentSessionUpdateReq.self, "")
                == .invalidData("data must be an object"))
        #expect(
            Self.rejection(StorePostCartsCartPaymentSessionUpdateReq.self, #"{"data":null}"#)
                == .invalidData("data must be an object"))
    }

    // MARK: Addons

    @Test func addonsBodyDecodes() throws {
        let body = try Self.decode(
            CartBridgeAddonsReq.self,
            #"{"select":[{"addon_id":"warranty_2y","line_item_ids":["item_a"]}],"deselect":[{"addon_id":"gift_wrap"}]}"#)
        #expect(
            body
                == CartBridgeAddonsReq(
                    select: [.init(addonID: "warranty_2y", lineItemIDs: ["item_a"])],
                    deselect: [.init(addonID: "gift_wrap")]))
    }

    static let addonsRejections = [
        Rejection(body: #"{"select":[{"addon_id":""}]}"#, message: "addon_id should not be empty"),
        Rejection(
            body: #"{"select":[{"addon_id":"w","line_item_ids":["item_a",3]}]}"#,
            message: "each value in line_item_ids must be a string"),
        Rejection(body: #"{"select":[{"addon_id":"w","line_item_ids":"item_a"}]}"#, message: "line_item_ids must be an array"),
        Rejection(body: #"{"deselect":[{"addon_id":"w","line_item_ids":["a"]}]}"#, message: "property line_item_ids should not exist"),
    ]

    @Test(arguments: addonsRejections)
    func addonsBodyIsRejected(_ rejection: Rejection) {
        #expect(Self.rejection(CartBridgeAddonsReq.self, rejection.body) == .invalidData(rejection.message))
    }
}
