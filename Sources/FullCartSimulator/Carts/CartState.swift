import FullCartAPI

/// One device's cart at one merchant, as the simulator stores it. Prices, offers, totals and status are not
/// stored: `CartRenderer` derives them from this, the catalog and live stock on every read.
struct CartState: Sendable {
    let cartID: String
    var lines: [CartLine] = []
    var shipments: [ShipmentState] = []
    var shippingInfo: FullCartAddress?
    var addonSelections: [AddonSelectionState] = []
    /// Applied promo codes, upper-cased, in the order they were applied.
    var coupons: [String] = []
    var order: PlacedOrder?
    /// Merchant-side line numbers ("0", "1", …), as Magento-style platforms expose them.
    var nextPlatformLineNumber = 0

    init(cartID: String) {
        self.cartID = cartID
    }

    var isSubmitted: Bool { order != nil }

    /// The state code of the shipping address, once one is set.
    var shippingState: String? { shippingInfo?.stateOrProvince }

    /// Lines with their catalog prices (a SKU gone from the catalog drops out).
    func pricedLines(merchant: Merchant) -> [PricedLine] {
        lines.compactMap { line in
            merchant.variant(sku: line.sku).map {
                PricedLine(id: line.id, handle: $0.product.handle, unitPrice: $0.variant.price, quantity: line.quantity)
            }
        }
    }

    func lineClasses(merchant: Merchant) -> [ShipmentPlanner.LineClass] {
        lines.compactMap { line in
            merchant.variant(sku: line.sku).map {
                ShipmentPlanner.LineClass(lineID: line.id, shippingClass: $0.product.shippingClass)
            }
        }
    }
}

struct CartLine: Sendable, Equatable {
    let id: String
    let platformLineItemID: String
    let sku: String
    var quantity: Int
}

struct ShipmentState: Sendable, Equatable {
    let id: String
    let shippingClass: String
    var fulfillmentTypeID: String
    /// Nil only when no method of the fulfillment type delivers to the address's state.
    var shippingMethodID: String?
    var notes: String?
    var selectedDate: String?
}

struct AddonSelectionState: Sendable, Equatable {
    let addonID: String
    /// ITEM scope: the covered lines.
    var lineItemIDs: [String] = []
    /// Single-choice addons: the chosen child offer.
    var choiceID: String?
}

/// A completed order: the submitted cart exactly as complete-order answered it. Reads return it unchanged, so
/// later stock or promo changes cannot alter an order.
struct PlacedOrder: Sendable {
    let orderNumber: String
    let cart: FullCartCart
}
