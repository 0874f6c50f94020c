import FullCartAPI
import Testing

/// `total = sub_total + shipping_total + tax_total + addon_total − cart_discount`, and the parts add up.
func expectConsistentTotals(_ cart: FullCartCart, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let sub = cart.subTotal?.minorUnits, let shipping = cart.shippingTotal?.minorUnits,
        let tax = cart.taxTotal?.minorUnits, let addons = cart.addonTotal?.minorUnits,
        let discount = cart.cartDiscount?.minorUnits, let total = cart.total?.minorUnits
    else {
        Issue.record("a money total is missing", sourceLocation: sourceLocation)
        return
    }
    let expectedTotal: Int = sub + shipping + tax + addons - discount
    #expect(total == expectedTotal, sourceLocation: sourceLocation)
    let lineSum: Int = cart.lineItems.map(\.linePrice.minorUnits).reduce(0, +)
    #expect(sub == lineSum, sourceLocation: sourceLocation)
    let shippingSum: Int = cart.shipments.compactMap(\.shippingMethod?.price.minorUnits).reduce(0, +)
    #expect(shipping == shippingSum, sourceLocation: sourceLocation)
    let addonSum: Int = cart.addons.selections.compactMap(\.price?.minorUnits).reduce(0, +)
    #expect(addons == addonSum, sourceLocation: sourceLocation)
}
