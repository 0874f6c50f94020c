import FullCartAPI

/// `GET /_simulator/orders`: every order the simulated merchant placed. A card appears only as brand, last
/// four, expiry and name; the number and CVV are never kept.
struct OrderLedger: Encodable, Sendable {
    var orders: [LedgerOrder]
}

struct LedgerOrder: Encodable, Sendable {
    let orderNumber: String
    let domain: String
    let cartID: String
    let deviceID: String
    let total: FullCartMoney
    let lineItems: [LedgerLine]
    let card: LedgerCard
    let keyID: String
    let placedAt: String

    enum CodingKeys: String, CodingKey {
        case orderNumber = "order_number"
        case domain
        case cartID = "cart_id"
        case deviceID = "device_id"
        case total
        case lineItems = "line_items"
        case card
        case keyID = "key_id"
        case placedAt = "placed_at"
    }
}

struct LedgerLine: Encodable, Sendable {
    let sku: String
    let quantity: Int
}

struct LedgerCard: Encodable, Sendable {
    let brand: String
    let lastFour: String
    let expMonth: Int
    let expYear: Int
    let name: String?

    enum CodingKeys: String, CodingKey {
        case brand
        case lastFour = "last_four"
        case expMonth = "exp_month"
        case expYear = "exp_year"
        case name
    }
}
