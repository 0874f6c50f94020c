import FullCartAPI

/// A merchant's cart is untrusted input: before CartBridge stores or renders one, its sizes, amounts and
/// currencies must be ones every later sum can carry without overflowing or lying. Pure; the checkout turns a
/// failure into a 502 for the request that received the cart, and the cart is not stored.
public enum MerchantCartCheck {
    /// The largest amount accepted, in minor units: ten billion in a two-decimal currency. With the count limits
    /// below (and the client's 4 MiB bound on an answer, which caps how many amounts one cart can carry), every
    /// sum CartBridge makes over a cart, or over the carts of one Medusa cart, stays far inside `Int`.
    public static let maxAmount = 1_000_000_000_000
    public static let maxLines = 1_000
    /// Units on one merchant line; looser than a storefront request's 10,000 (repeated adds sum at the merchant).
    public static let maxQuantity = 100_000
    /// Shipments, shipping methods per shipment, addon offers, selections, notices, coupons.
    public static let maxEntries = 1_000

    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// Where in the merchant cart, e.g. `line_items[2].price`.
        public let field: String
        public let reason: String

        public var description: String { "\(field) \(reason)" }
    }

    /// Throws the first problem found. `currency` is the cart's (ISO, any case): every amount must be in it.
    public static func check(_ cart: FullCartCart, currency: String) throws(Problem) {
        let currency = currency.uppercased()
        try count(cart.lineItems.count, max: maxLines, "line_items")
        try count(cart.shipments.count, max: maxEntries, "shipments")
        try count(cart.addons.offers.count, max: maxEntries, "addons.offers")
        try count(cart.addons.selections.count, max: maxEntries, "addons.selections")
        try count(cart.notices.count, max: maxEntries, "notices")
        try count(cart.coupons.count, max: maxEntries, "coupons")
        for (index, line) in cart.lineItems.enumerated() {
            let field = "line_items[\(index)]"
            guard (1...maxQuantity).contains(line.quantity) else {
                throw Problem(field: "\(field).quantity", reason: "is \(line.quantity), outside 1...\(maxQuantity)")
            }
            try amount(line.price, "\(field).price", currency, nonNegative: true)
            try amount(line.linePrice, "\(field).line_price", currency, nonNegative: true)
            try amount(line.msrp, "\(field).msrp", currency, nonNegative: true)
            try amount(line.lineDiscount, "\(field).line_discount", currency, nonNegative: false)
            let (gross, overflow) = line.price.minorUnits.multipliedReportingOverflow(by: line.quantity)
            guard !overflow, gross <= maxAmount else {
                throw Problem(field: "\(field).price", reason: "times the quantity exceeds \(maxAmount)")
            }
        }
        for (index, shipment) in cart.shipments.enumerated() {
            try count(shipment.shippingMethodOptions.count, max: maxEntries, "shipments[\(index)].shipping_method_options")
            for (methodIndex, method) in shipment.shippingMethodOptions.enumerated() {
                try amount(
                    method.price, "shipments[\(index)].shipping_method_options[\(methodIndex)].price", currency,
                    nonNegative: true)
            }
            try amount(shipment.shippingMethod?.price, "shipments[\(index)].shipping_method.price", currency, nonNegative: true)
        }
        for (index, offer) in cart.addons.offers.enumerated() {
            try addonAmounts(offer, field: "addons.offers[\(index)]", currency)
        }
        for (index, selection) in cart.addons.selections.enumerated() {
            // Addons may cost or save money (a discount addon is negative).
            try amount(selection.price, "addons.selections[\(index)].price", currency, nonNegative: false)
        }
        try amount(cart.subTotal, "sub_total", currency, nonNegative: true)
        try amount(cart.shippingTotal, "shipping_total", currency, nonNegative: true)
        try amount(cart.taxTotal, "tax", currency, nonNegative: true)
        try amount(cart.addonTotal, "addon_total", currency, nonNegative: false)
        try amount(cart.cartDiscount, "cart_discount", currency, nonNegative: false)
        try amount(cart.total, "total", currency, nonNegative: true)
    }

    private static func addonAmounts(_ offer: FullCartAddonOffer, field: String, _ currency: String) throws(Problem) {
        try amount(offer.price, "\(field).price", currency, nonNegative: false)
        try count(offer.lineItemPricing?.count ?? 0, max: maxEntries, "\(field).line_item_pricing")
        for (lineID, price) in (offer.lineItemPricing ?? [:]).sorted(by: { $0.key < $1.key }) {
            try amount(price, "\(field).line_item_pricing[\(lineID)]", currency, nonNegative: false)
        }
        let children = offer.childOffers ?? []
        try count(children.count, max: maxEntries, "\(field).child_offers")
        for (index, child) in children.enumerated() {
            // One level is all Full Cart nests; deeper nesting is refused rather than walked.
            guard child.childOffers?.isEmpty ?? true else {
                throw Problem(field: "\(field).child_offers[\(index)]", reason: "nests offers more than one level deep")
            }
            try addonAmounts(child, field: "\(field).child_offers[\(index)]", currency)
        }
    }

    private static func amount(_ money: FullCartMoney?, _ field: String, _ currency: String, nonNegative: Bool)
        throws(Problem)
    {
        guard let money else { return }
        guard money.currency == currency else {
            throw Problem(field: field, reason: "is in \(money.currency), not the cart's \(currency)")
        }
        let range = nonNegative ? 0...maxAmount : -maxAmount...maxAmount
        guard range.contains(money.minorUnits) else {
            throw Problem(field: field, reason: "is \(money.minorUnits) minor units, outside \(range.lowerBound)...\(maxAmount)")
        }
    }

    private static func count(_ count: Int, max: Int, _ field: String) throws(Problem) {
        guard count <= max else { throw Problem(field: field, reason: "has \(count) entries, more than \(max)") }
    }
}
