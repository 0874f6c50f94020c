import Foundation
import FullCartAPI
import WireJSON

/// The stored form of a `BridgeCart`: the `body` of a cart record and of an order record. Its keys are frozen
/// here, apart from the domain types, so renaming a property of the domain changes nothing stored.
///
/// Versions (`schemaVersion`):
/// - 1 (no `schemaVersion`; written up to revision f7090e3): the domain types' synthesized `Codable` form, with
///   each placed merchant cart stored twice (as the snapshot and inside `placedOrder`).
/// - 2: the same keys; a placed merchant cart is stored once, as the merchant's snapshot.
///
/// Both are read; version 2 is written, so a version-1 cart is upgraded when it is next saved. A merchant snapshot
/// the current Full Cart decoder cannot read is dropped (the merchant is asked again) instead of making the whole
/// cart unreadable; only a placed order without a readable merchant cart is an error.
struct StoredCart: Codable {
    static let currentVersion = 2

    var schemaVersion: Int?
    var id: String
    var regionID: String
    var email: String?
    var customerID: String?
    var shippingAddress: BridgeAddress?
    var billingAddress: BridgeAddress?
    var discountCodes: [String]
    var context: [String: JSONValue]
    var salesChannelID: String?
    var merchants: [StoredMerchantCart]
    var shippingChoices: [ShippingChoice]
    var payment: PaymentState?
    var createdAt: Date
    var updatedAt: Date
    var completedAt: Date?
    var orderID: String?
    var declinedAt: [Date]?

    enum CodingKeys: String, CodingKey {
        case schemaVersion, id, regionID, email, customerID, shippingAddress, billingAddress, discountCodes, context
        case salesChannelID, merchants, shippingChoices, payment, createdAt, updatedAt, completedAt, orderID
        case declinedAt
    }
}

struct StoredMerchantCart: Codable {
    var domain: String
    var session: StoredSession
    var snapshot: FullCartCart?
    var snapshotAt: Date?
    var placedOrder: StoredPlacedOrder?
    var completeOrderSentAt: Date?
    /// Why a stored snapshot was dropped on reading; never written.
    var unreadableSnapshot: String?

    enum CodingKeys: String, CodingKey {
        case domain, session, snapshot, snapshotAt, placedOrder, completeOrderSentAt
    }

    init(
        domain: String, session: StoredSession, snapshot: FullCartCart?, snapshotAt: Date?,
        placedOrder: StoredPlacedOrder?, completeOrderSentAt: Date?
    ) {
        self.domain = domain
        self.session = session
        self.snapshot = snapshot
        self.snapshotAt = snapshotAt
        self.placedOrder = placedOrder
        self.completeOrderSentAt = completeOrderSentAt
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        domain = try container.decode(String.self, forKey: .domain)
        session = try container.decode(StoredSession.self, forKey: .session)
        snapshotAt = try container.decodeIfPresent(Date.self, forKey: .snapshotAt)
        placedOrder = try container.decodeIfPresent(StoredPlacedOrder.self, forKey: .placedOrder)
        completeOrderSentAt = try container.decodeIfPresent(Date.self, forKey: .completeOrderSentAt)
        do {
            snapshot = try container.decodeIfPresent(FullCartCart.self, forKey: .snapshot)
        } catch {
            snapshot = nil
            unreadableSnapshot = "\(error)"
        }
    }
}

struct StoredPlacedOrder: Codable {
    var orderNumber: String
    var merchantCartID: String
    var thankYouPage: String?
    var placedAt: Date
    /// Version 1 only: the submitted merchant cart, a copy of the snapshot.
    var cart: FullCartCart?

    enum CodingKeys: String, CodingKey {
        case orderNumber, merchantCartID, thankYouPage, placedAt, cart
    }

    init(orderNumber: String, merchantCartID: String, thankYouPage: String?, placedAt: Date) {
        self.orderNumber = orderNumber
        self.merchantCartID = merchantCartID
        self.thankYouPage = thankYouPage
        self.placedAt = placedAt
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        orderNumber = try container.decode(String.self, forKey: .orderNumber)
        merchantCartID = try container.decode(String.self, forKey: .merchantCartID)
        thankYouPage = try container.decodeIfPresent(String.self, forKey: .thankYouPage)
        placedAt = try container.decode(Date.self, forKey: .placedAt)
        cart = try? container.decodeIfPresent(FullCartCart.self, forKey: .cart)
    }
}

struct StoredSession: Codable {
    var accessToken: String
    var deviceID: String
    var expiresAt: Date

    enum CodingKeys: String, CodingKey {
        case accessToken, deviceID, expiresAt
    }
}
