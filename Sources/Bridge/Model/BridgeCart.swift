import Foundation
import FullCartAPI
import WireJSON

/// The bridge's own record of one Medusa cart: what the storefront told us (email, addresses, region,
/// discount codes, shipping choices, payment session) and, per merchant domain, the device session and the
/// last merchant cart we saw. Medusa's cart is rendered from this; the merchants stay the source of truth for
/// items, prices, taxes and totals.
public struct BridgeCart: Sendable, Equatable {
    public var id: String
    public var regionID: String
    public var email: String?
    /// The account of the customer who was logged in when the cart was last changed.
    public var customerID: String?
    public var shippingAddress: BridgeAddress?
    public var billingAddress: BridgeAddress?
    /// Codes the storefront asked for, in order; each is applied to every merchant that accepts it.
    public var discountCodes: [String]
    public var context: [String: JSONValue]
    public var salesChannelID: String?
    /// One entry per merchant domain that has (or had) items, in the order they were first used.
    public var merchants: [MerchantCart]
    /// The shipping methods the storefront chose, one per shipping profile (= merchant shipment).
    public var shippingChoices: [ShippingChoice]
    public var payment: PaymentState?
    public var createdAt: Date
    public var updatedAt: Date
    public var completedAt: Date?
    public var orderID: String?
    /// When completions of this cart were declined (the last hour's are kept), to stop card testing.
    public var declinedAt: [Date]?

    public init(id: String, regionID: String, now: Date) {
        self.id = id
        self.regionID = regionID
        discountCodes = []
        context = [:]
        merchants = []
        shippingChoices = []
        createdAt = now
        updatedAt = now
    }

    public func merchant(_ domain: String) -> MerchantCart? {
        merchants.first { $0.domain == domain }
    }

    /// Replaces (or appends) the entry for `merchant.domain`.
    public mutating func upsert(_ merchant: MerchantCart) {
        if let index = merchants.firstIndex(where: { $0.domain == merchant.domain }) {
            merchants[index] = merchant
        } else {
            merchants.append(merchant)
        }
    }

    /// Whether any merchant will charge for this cart (by its own total).
    public var hasAmountDue: Bool {
        activeMerchants.contains { ($0.snapshot?.total?.minorUnits ?? 0) > 0 }
    }

    /// Merchants whose last snapshot has at least one line.
    public var activeMerchants: [MerchantCart] {
        merchants.filter { !($0.snapshot?.lineItems.isEmpty ?? true) }
    }

    /// What the merchants will ship with: the storefront's choices and, once it has made one, the method each
    /// merchant selected itself (Full Cart selects the cheapest) for every shipment it did not choose for. A
    /// storefront with one radio group for a cart of several shipments can then complete it, and the total it
    /// shows includes every shipment, so it is what is charged. Before any choice, none (Medusa's "choose a
    /// method" step).
    public var shippingPlan: [ShippingChoice] {
        guard !shippingChoices.isEmpty else { return [] }
        var plan = shippingChoices
        for merchant in activeMerchants {
            for shipment in merchant.snapshot?.shipments ?? []
            where !shippingChoices.contains(where: { $0.domain == merchant.domain && $0.shipmentID == shipment.shipmentID }) {
                guard let method = shipment.shippingMethod else { continue }
                plan.append(
                    ShippingChoice(
                        methodID: StableID.shippingMethod(domain: merchant.domain, shipmentID: shipment.shipmentID, methodID: method.id).id,
                        domain: merchant.domain, shipmentID: shipment.shipmentID, shippingMethodID: method.id, data: [:]))
            }
        }
        return plan
    }
}

/// A Medusa address as the storefront sent it (Medusa field names).
public struct BridgeAddress: Codable, Sendable, Equatable {
    public var id: String
    public var firstName: String?
    public var lastName: String?
    public var phone: String?
    public var company: String?
    public var address1: String?
    public var address2: String?
    public var city: String?
    public var countryCode: String?
    public var province: String?
    public var postalCode: String?
    public var metadata: [String: JSONValue]?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, now: Date) {
        self.id = id
        createdAt = now
        updatedAt = now
    }

    /// Stored inside carts (`StoredCart`): these keys are frozen.
    enum CodingKeys: String, CodingKey {
        case id, firstName, lastName, phone, company, address1, address2, city, countryCode, province, postalCode
        case metadata, createdAt, updatedAt
    }
}

/// One merchant domain's side of the cart.
public struct MerchantCart: Sendable, Equatable {
    public var domain: String
    public var session: DeviceSession
    /// The merchant cart as last returned by any call; rendering never calls the merchant.
    public var snapshot: FullCartCart?
    public var snapshotAt: Date?
    /// Set once the merchant placed the order.
    public var placedOrder: PlacedMerchantOrder?
    /// Saved before complete-order is sent: from then on the merchant may have placed the order, so a retry
    /// reads the merchant cart back before sending again.
    public var completeOrderSentAt: Date?

    public init(domain: String, session: DeviceSession) {
        self.domain = domain
        self.session = session
    }
}

public struct PlacedMerchantOrder: Sendable, Equatable {
    public var orderNumber: String
    public var merchantCartID: String
    public var thankYouPage: String?
    public var placedAt: Date
    /// The submitted merchant cart, kept for the order's items and totals.
    public var cart: FullCartCart

    public init(orderNumber: String, merchantCartID: String, thankYouPage: String?, placedAt: Date, cart: FullCartCart) {
        self.orderNumber = orderNumber
        self.merchantCartID = merchantCartID
        self.thankYouPage = thankYouPage
        self.placedAt = placedAt
        self.cart = cart
    }
}

/// A shipping method the storefront chose for one profile (merchant shipment).
public struct ShippingChoice: Codable, Sendable, Equatable {
    /// `sm_…`, stable for (domain, shipment, method).
    public var methodID: String
    public var domain: String
    public var shipmentID: String
    public var shippingMethodID: String
    public var data: [String: JSONValue]

    public init(methodID: String, domain: String, shipmentID: String, shippingMethodID: String, data: [String: JSONValue]) {
        self.methodID = methodID
        self.domain = domain
        self.shipmentID = shipmentID
        self.shippingMethodID = shippingMethodID
        self.data = data
    }

    /// Stored inside carts (`StoredCart`): these keys are frozen.
    enum CodingKeys: String, CodingKey {
        case methodID, domain, shipmentID, shippingMethodID, data
    }
}

/// CartBridge's card payment session. The card itself is stored apart, as the JWE received, with a TTL.
public struct PaymentState: Codable, Sendable, Equatable {
    public var sessionID: String
    public var providerID: String
    public var isSelected: Bool
    public var card: MaskedCard?
    /// Sent with complete-order to a merchant that requires a captcha; set with the card.
    public var captchaToken: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(sessionID: String, providerID: String, isSelected: Bool, now: Date) {
        self.sessionID = sessionID
        self.providerID = providerID
        self.isSelected = isSelected
        createdAt = now
        updatedAt = now
    }

    /// Stored inside carts (`StoredCart`): these keys are frozen.
    enum CodingKeys: String, CodingKey {
        case sessionID, providerID, isSelected, card, captchaToken, createdAt, updatedAt
    }
}

/// What may be shown of a card: brand, last four, expiry, and the key it was encrypted to.
public struct MaskedCard: Codable, Sendable, Equatable {
    public var brand: String
    public var lastFour: String
    public var expMonth: Int
    public var expYear: Int
    public var kid: String

    public init(brand: String, lastFour: String, expMonth: Int, expYear: Int, kid: String) {
        self.brand = brand
        self.lastFour = lastFour
        self.expMonth = expMonth
        self.expYear = expYear
        self.kid = kid
    }

    /// Stored inside carts (`StoredCart`): these keys are frozen.
    enum CodingKeys: String, CodingKey {
        case brand, lastFour, expMonth, expYear, kid
    }
}
