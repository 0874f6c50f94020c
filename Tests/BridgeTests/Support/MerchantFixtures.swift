@testable import MedusaV1
import Bridge
import Foundation
import FullCartAPI
import MedusaAPI

/// Small builders for realistic Full Cart carts. `merchantCart` computes the merchant's totals the way Full Cart
/// does (`total = sub_total + shipping_total + tax_total + addon_total − cart_discount`), so tests compare against
/// figures a merchant would really send.
enum Fixture {
    static let now = Date(timeIntervalSince1970: 1_767_225_600)
    static let later = now.addingTimeInterval(60)

    static func usd(_ cents: Int) -> FullCartMoney {
        FullCartMoney(currency: "USD", minorUnits: cents)
    }

    static func line(
        _ id: String, sku: String, title: String, variant: String? = nil, unit: Int, quantity: Int = 1,
        discount: Int? = nil
    ) -> FullCartLineItem {
        FullCartLineItem(
            lineItemID: id, platformLineItemID: "0", sku: sku, variantID: sku, description: title,
            variantDescription: variant, quantity: quantity, price: usd(unit), linePrice: usd(unit * quantity),
            image: FullCartImage(url: "https://img.example/\(sku).jpg"), lineDiscount: discount.map(usd))
    }

    static func method(_ id: String, _ price: Int, eta: String? = "3-5 business days") -> FullCartShippingMethod {
        FullCartShippingMethod(
            id: id, description: id.capitalized.replacingOccurrences(of: "_", with: " "), price: usd(price),
            estimatedDelivery: eta)
    }

    /// The merchant auto-selects `selected` (its cheapest, as Full Cart does).
    static func shipment(_ id: String, lines: [String], options: [FullCartShippingMethod], selected: String?)
        -> FullCartShipment
    {
        FullCartShipment(
            shipmentID: id, lineItemIDs: lines,
            fulfillmentType: FullCartFulfillmentType(id: "SHIP_TO_ADDRESS", name: "Ship to Address"),
            fulfillmentTypeOptions: [FullCartFulfillmentType(id: "SHIP_TO_ADDRESS", name: "Ship to Address")],
            shippingMethodOptions: options, shippingMethod: options.first { $0.id == selected })
    }

    static func merchantCart(
        id: String, name: String, lines: [FullCartLineItem], shipments: [FullCartShipment],
        offers: [FullCartAddonOffer] = [], selections: [FullCartAddonSelection] = [], coupons: [String] = [],
        discount: Int = 0, tax: Int, notices: [FullCartNotice] = [], status: FullCartCartStatus = .active
    ) -> FullCartCart {
        let subTotal = lines.reduce(0) { $0 + $1.linePrice.minorUnits }
        let shipping = shipments.reduce(0) { $0 + ($1.shippingMethod?.price.minorUnits ?? 0) }
        let addons = selections.reduce(0) { $0 + ($1.price?.minorUnits ?? 0) }
        return FullCartCart(
            cartID: id, displayName: name, status: status, lineItems: lines, shipments: shipments,
            addons: FullCartAddons(offers: offers, selections: selections), subTotal: usd(subTotal),
            shippingTotal: usd(shipping), taxTotal: usd(tax), addonTotal: usd(addons), cartDiscount: usd(discount),
            total: usd(subTotal + shipping + tax + addons - discount), coupons: coupons, notices: notices)
    }

    static func session(_ domain: String) -> DeviceSession {
        DeviceSession(
            accessToken: "token-\(domain)", deviceID: "device-\(domain)", expiresAt: later.addingTimeInterval(3600))
    }

    static let region = Region(
        id: "reg_us", name: "United States", currencyCode: "usd", taxRate: 0,
        countries: [
            Country(
                id: 236, iso2: "us", iso3: "usa", numCode: 840, name: "UNITED STATES", displayName: "United States",
                regionID: "reg_us")
        ],
        paymentProviders: [PaymentProvider(id: "cartbridge-card")],
        fulfillmentProviders: [FulfillmentProvider(id: "cartbridge")], createdAt: now)

    static func address(_ id: String = "addr_ship") -> BridgeAddress {
        var address = BridgeAddress(id: id, now: now)
        address.firstName = "Ada"
        address.lastName = "Lovelace"
        address.address1 = "1 Microsoft Way"
        address.address2 = "Suite 2"
        address.city = "Redmond"
        address.province = "wa"
        address.postalCode = "98052"
        address.countryCode = "us"
        address.phone = "5034440332"
        address.company = "Analytical Engines"
        return address
    }

    /// A bridge cart holding the given merchant snapshots, in order.
    static func bridgeCart(_ merchants: [(domain: String, cart: FullCartCart)], codes: [String] = []) -> BridgeCart {
        var cart = BridgeCart(id: "cart_01TEST", regionID: region.id, now: now)
        cart.email = "ada@example.com"
        cart.shippingAddress = address()
        cart.billingAddress = address("addr_bill")
        cart.discountCodes = codes
        cart.salesChannelID = "sc_default"
        cart.context = ["ip": "::1", "user_agent": "tests"]
        cart.updatedAt = later
        for (domain, snapshot) in merchants {
            var merchant = MerchantCart(domain: domain, session: session(domain))
            merchant.snapshot = snapshot
            merchant.snapshotAt = later
            cart.upsert(merchant)
        }
        return cart
    }

    /// The storefront choosing, for every shipment, the method the merchant has selected.
    static func chooseMerchantMethods(_ cart: inout BridgeCart) {
        for merchant in cart.merchants {
            for shipment in merchant.snapshot?.shipments ?? [] {
                guard let method = shipment.shippingMethod else { continue }
                choose(&cart, domain: merchant.domain, shipment: shipment.shipmentID, method: method.id)
            }
        }
    }

    static func choose(_ cart: inout BridgeCart, domain: String, shipment: String, method: String) {
        cart.shippingChoices.removeAll { $0.domain == domain && $0.shipmentID == shipment }
        cart.shippingChoices.append(
            ShippingChoice(
                methodID: StableID.shippingMethod(domain: domain, shipmentID: shipment, methodID: method).id,
                domain: domain, shipmentID: shipment, shippingMethodID: method, data: ["picked_by": "tests"]))
    }
}
