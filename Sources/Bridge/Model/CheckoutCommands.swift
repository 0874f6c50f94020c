import Foundation
import WireJSON

/// A new cart, as a storefront asks for it.
public struct NewCart: Sendable {
    public var regionID: String?
    public var countryCode: String?
    public var salesChannelID: String?
    public var context: [String: JSONValue]
    public var items: [(variantID: String, quantity: Int)]
    /// Where the request came from; kept in the cart's context.
    public var clientIP: String?
    public var userAgent: String?
    /// The logged-in customer, whose id and email the cart takes.
    public var customer: CartCustomer?

    public init(
        regionID: String? = nil, countryCode: String? = nil, salesChannelID: String? = nil,
        context: [String: JSONValue] = [:], items: [(variantID: String, quantity: Int)] = [], clientIP: String? = nil,
        userAgent: String? = nil, customer: CartCustomer? = nil
    ) {
        self.customer = customer
        self.regionID = regionID
        self.countryCode = countryCode
        self.salesChannelID = salesChannelID
        self.context = context
        self.items = items
        self.clientIP = clientIP
        self.userAgent = userAgent
    }
}

/// Changes to a cart's own facts; nil leaves a fact as it is.
public struct CartChanges: Sendable {
    public var regionID: String?
    public var email: String?
    public var salesChannelID: String?
    /// Merged into the cart's context.
    public var context: [String: JSONValue]?
    public var countryCode: String?
    public var shippingAddress: AddressChange?
    public var billingAddress: AddressChange?
    /// Replaces the cart's discount codes.
    public var discountCodes: [String]?
    /// The logged-in customer: the cart takes their id and email, whatever `email` says (Medusa's rule).
    public var customer: CartCustomer?

    public init() {}
}

/// A logged-in customer a cart belongs to.
public struct CartCustomer: Sendable, Hashable {
    public var id: String
    public var email: String

    public init(id: String, email: String) {
        self.id = id
        self.email = email
    }
}

/// How an address changes: removed, replaced by a stored address (CartBridge keeps none: not found), or edited.
public enum AddressChange: Sendable {
    case clear
    case storedAddress(id: String)
    /// Edits the current address (a new one when there is none).
    case edit(@Sendable (inout BridgeAddress) -> Void)
}

/// Merchant addons to select and deselect (the CartBridge addons extension).
public struct AddonChanges: Sendable {
    public struct Selection: Sendable {
        public var addonID: String
        /// Storefront line ids the addon covers; empty: the whole cart.
        public var lineIDs: [String]

        public init(addonID: String, lineIDs: [String]) {
            self.addonID = addonID
            self.lineIDs = lineIDs
        }
    }

    public struct Deselection: Sendable {
        public var addonID: String
        public var lineID: String?

        public init(addonID: String, lineID: String?) {
            self.addonID = addonID
            self.lineID = lineID
        }
    }

    public var select: [Selection]
    public var deselect: [Deselection]

    public init(select: [Selection], deselect: [Deselection]) {
        self.select = select
        self.deselect = deselect
    }
}

/// A placed order as the core keeps it: the store's record facts and the completed cart it was made from.
public struct PlacedOrder: Sendable {
    public var id: String
    public var displayID: Int
    public var createdAt: Date
    public var cart: BridgeCart
    /// The account the order belongs to: its cart's customer, or the one that claimed it since.
    public var customerID: String?

    public init(id: String, displayID: Int, createdAt: Date, cart: BridgeCart, customerID: String? = nil) {
        self.id = id
        self.displayID = displayID
        self.createdAt = createdAt
        self.cart = cart
        self.customerID = customerID ?? cart.customerID
    }
}

/// A cart as stored at `version`: anything derived from it (a rendering) may be reused while the version holds.
public struct VersionedCart: Sendable {
    public var cart: BridgeCart
    public var version: Int

    public init(cart: BridgeCart, version: Int) {
        self.cart = cart
        self.version = version
    }
}

/// What a completion came to.
public enum CompletionOutcome: Sendable {
    /// Every merchant placed its order; the order exists (now, or from an earlier completion).
    case placed(PlacedOrder)
    /// Some merchants placed, one failed for `reason`: a retry completes only the rest.
    case partiallyPlaced(BridgeCart, reason: CheckoutError)
}
