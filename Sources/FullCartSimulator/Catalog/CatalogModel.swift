import Foundation

/// The simulator's merchants as `config/simulator-catalog.json` describes them. Keys are snake_case in the file;
/// money amounts are integer minor units (cents); tax rates are basis points (725 = 7.25 %).
struct CatalogFile: Decodable, Sendable {
    var merchants: [Merchant]
}

struct Merchant: Decodable, Sendable {
    var domain: String
    var displayName: String
    var platformId: String
    var currency: String
    var shippingClasses: [ShippingClass]
    var taxRates: [String: Int]
    var promoCodes: [PromoCode]
    var addons: [AddonDefinition]
    var products: [CatalogProduct]

    func product(handle: String) -> CatalogProduct? {
        products.first { $0.handle == handle }
    }

    func shippingClass(id: String) -> ShippingClass? {
        shippingClasses.first { $0.id == id }
    }

    func addon(id: String) -> AddonDefinition? {
        addons.first { $0.addonId == id }
    }

    /// Basis points of sales tax for a state code; states without an entry are not taxed.
    func taxRate(state: String?) -> Int {
        state.flatMap { taxRates[$0] } ?? 0
    }
}

struct CatalogProduct: Decodable, Sendable {
    var handle: String
    var title: String
    var baseSku: String
    var description: String
    var productType: String
    var tags: [String]?
    var shippingClass: String
    var restrictedStates: [String]?
    var images: [String]
    var options: [ProductOption]
    var variants: [CatalogVariant]

    func ships(to state: String) -> Bool {
        !(restrictedStates ?? []).contains(state)
    }
}

struct ProductOption: Decodable, Sendable {
    var name: String
    var values: [String]
}

struct CatalogVariant: Decodable, Sendable {
    var sku: String
    var options: [String]
    var price: Int
    var msrp: Int
    /// Units on hand when the simulator starts or is reset; orders decrement a live copy.
    var stock: Int
}

/// A way to deliver one class of goods; a cart puts each class in its own shipment.
struct ShippingClass: Decodable, Sendable {
    var id: String
    var fulfillmentTypes: [FulfillmentOption]

    func fulfillmentType(id: String) -> FulfillmentOption? {
        fulfillmentTypes.first { $0.id == id }
    }
}

struct FulfillmentOption: Decodable, Sendable {
    var id: String
    var name: String
    var description: String
    var methods: [ShippingMethodOption]

    /// The methods that deliver to a state (all of them while no address is known).
    func methods(deliveringTo state: String?) -> [ShippingMethodOption] {
        guard let state else { return methods }
        return methods.filter { !($0.excludedStates ?? []).contains(state) }
    }
}

struct ShippingMethodOption: Decodable, Sendable {
    var id: String
    var description: String
    var price: Int
    var estimatedDelivery: String
    var excludedStates: [String]?
}

struct PromoCode: Decodable, Sendable {
    enum Kind: String, Decodable, Sendable {
        case percentOff = "percent_off"
        case amountOff = "amount_off"
        case freeShipping = "free_shipping"
    }

    var code: String
    var description: String
    var kind: Kind
    /// Percent for `percent_off`, cents for `amount_off`, unused for `free_shipping`.
    var value: Int?
    /// Merchandise subtotal (cents) the cart needs for the code to apply.
    var minSubtotal: Int?
    var expiresAt: Date?

    func isExpired(at now: Date) -> Bool {
        expiresAt.map { $0 <= now } ?? false
    }

    func isApplicable(toSubtotal subTotal: Int) -> Bool {
        subTotal >= (minSubtotal ?? 0)
    }
}

struct AddonDefinition: Decodable, Sendable {
    enum Scope: String, Decodable, Sendable {
        case cart = "CART"
        case item = "ITEM"
    }

    var addonId: String
    var name: String
    var description: String
    var scope: Scope
    var coverageMode: String?
    var required: Bool?
    /// CART scope: the price when there are no choices.
    var price: Int?
    /// ITEM scope: per-unit price by product handle; only these products are eligible.
    var itemPrices: [String: Int]?
    /// Offered only while one of these products is in the cart (nil: whenever the cart has items).
    var offeredWith: [String]?
    /// A single-choice addon: a selection names exactly one choice in `selected_child_ids`.
    var choices: [AddonChoice]?

    var isRequired: Bool { required ?? false }

    func choice(id: String) -> AddonChoice? {
        choices?.first { $0.id == id }
    }
}

struct AddonChoice: Decodable, Sendable {
    var id: String
    var name: String
    var description: String?
    var price: Int
}
