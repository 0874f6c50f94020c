@testable import MedusaV1
import Bridge
import Foundation
import FullCartAPI
import MedusaAPI
import Testing

@Suite("Order rendering")
struct OrderRenderingTests {
    static func submitted(_ cart: FullCartCart, number: String) -> FullCartCart {
        var cart = cart
        cart.status = .submitted
        cart.platformOrderNumber = number
        return cart
    }

    static func placedCart(_ merchants: [(domain: String, cart: FullCartCart, number: String)]) -> BridgeCart {
        var cart = Fixture.bridgeCart(merchants.map { ($0.domain, $0.cart) }, codes: ["SAVE10", "GARDEN5"])
        Fixture.choose(&cart, domain: TwoMerchants.lumaDomain, shipment: "ship-luma", method: "STANDARD")
        for (domain, merchantCart, number) in merchants {
            var merchant = cart.merchant(domain)!
            merchant.placedOrder = PlacedMerchantOrder(
                orderNumber: number, merchantCartID: merchantCart.cartID,
                thankYouPage: "https://\(domain)/thanks/\(number)", placedAt: Fixture.later,
                cart: submitted(merchantCart, number: number))
            cart.upsert(merchant)
        }
        cart.completedAt = Fixture.later
        return cart
    }

    static func order(_ cart: BridgeCart) -> Order {
        OrderRendering.order(
            id: "order_01TEST", displayID: 7, cart: cart, region: Fixture.region, catalog: [:], pinned: PinnedIDs(),
            createdAt: Fixture.later)
    }

    static let both = placedCart([
        (TwoMerchants.lumaDomain, TwoMerchants.luma, "LUMA-1001"),
        (TwoMerchants.gardenDomain, TwoMerchants.garden, "G-77"),
    ])

    @Test func anOrderIsPendingAndAwaitingPayment() {
        let order = Self.order(Self.both)
        #expect(order.id == "order_01TEST")
        #expect(order.displayID == 7)
        #expect(order.status == .pending)
        #expect(order.paymentStatus == .awaiting)
        #expect(order.fulfillmentStatus == .notFulfilled)
        #expect(order.cartID == "cart_01TEST")
        #expect(order.email == "ada@example.com")
        #expect(order.customerID == StableID.guestCustomer(email: "ada@example.com").id)
        #expect(order.currencyCode == "usd")
        #expect(order.regionID == "reg_us")
        #expect(order.shippingAddress?.id == "addr_ship")
        #expect(order.billingAddress?.id == "addr_bill")
        #expect(order.createdAt == Fixture.later)
    }

    @Test func itemsMethodsAndTotalsAreTheMerchantsOrders() {
        let order = Self.order(Self.both)
        #expect(order.items.count == 7)
        #expect(order.items.allSatisfy { $0.orderID == "order_01TEST" && $0.cartID == "cart_01TEST" })
        #expect(order.shippingMethods.count == 3)
        #expect(order.shippingMethods[0].data == ["picked_by": "tests"])
        #expect(order.shippingMethods[1].data["method_id"] == "FREIGHT")
        #expect(order.shippingMethods.allSatisfy { $0.orderID == "order_01TEST" })
        #expect(order.total == 15542 + 8153)
        #expect(order.subtotal == order.items.reduce(0) { $0 + $1.subtotal })
        #expect(order.total == order.subtotal + order.shippingTotal + order.taxTotal - order.discountTotal)
        // One payment per merchant charge, adding up to the order's total.
        #expect(order.payments.map(\.amount) == [15542, 8153])
        #expect(order.paidTotal == order.total)
        #expect(order.discounts.map(\.code) == ["SAVE10", "GARDEN5"])
    }

    @Test func eachMerchantChargeIsAPaymentWithTheMaskedCard() throws {
        var cart = Self.both
        var payment = PaymentState(sessionID: "ps_1", providerID: "cartbridge", isSelected: true, now: Fixture.now)
        payment.card = MaskedCard(brand: "visa", lastFour: "4242", expMonth: 8, expYear: 2031, kid: "k1")
        cart.payment = payment
        let order = Self.order(cart)
        let luma = try #require(order.payments.first)
        #expect(order.payments.count == 2)
        #expect(luma.providerID == "cartbridge" && luma.currencyCode == "usd" && luma.amount == 15542)
        #expect(luma.orderID == "order_01TEST" && luma.cartID == "cart_01TEST")
        #expect(luma.data["card_last4"] == "4242" && luma.data["card_brand"] == "visa")
        #expect(luma.data["card_exp_month"] == 8 && luma.data["card_exp_year"] == 2031)
        #expect(luma.data["order_number"] == "LUMA-1001" && luma.data["merchant"] == "luma.example")
        #expect(luma.capturedAt == nil)
        #expect(order.payments[1].data["order_number"] == "G-77")
        #expect(Set(order.payments.map(\.id)).count == 2)
    }

    @Test func severalMerchantsHaveNoExternalIDButEveryNumberInMetadata() {
        let order = Self.order(Self.both)
        #expect(order.externalID == nil)
        #expect(
            order.metadata?["cartbridge"]?["merchants"] == [
                [
                    "domain": "luma.example", "merchant_name": "Luma Store", "order_number": "LUMA-1001", "cart_id": "cart-luma-1",
                    "thank_you_page": "https://luma.example/thanks/LUMA-1001",
                ],
                [
                    "domain": "garden.example", "merchant_name": "Garden Co", "order_number": "G-77", "cart_id": "cart-garden-1",
                    "thank_you_page": "https://garden.example/thanks/G-77",
                ],
            ])
    }

    @Test func oneMerchantsOrderNumberIsTheExternalID() {
        let order = Self.order(Self.placedCart([(TwoMerchants.gardenDomain, TwoMerchants.garden, "G-77")]))
        #expect(order.externalID == "G-77")
        #expect(order.total == 8153)
    }
}
