import Foundation
import FullCartAPI

/// Converts between the domain's `BridgeCart` and its stored form (`StoredCart`), the one place that knows the
/// stored versions.
public enum CartDocument {
    /// Why a stored cart could not be read.
    public struct Unreadable: Error, CustomStringConvertible {
        public let description: String
    }

    /// A cart read from the store, with what was dropped on the way (to be logged; never card data).
    public struct Read {
        public var cart: BridgeCart
        public var version: Int
        public var dropped: [String]
    }

    public static func encode(_ cart: BridgeCart) throws -> Data {
        try JSONEncoder().encode(StoredCart(cart))
    }

    public static func decode(_ data: Data) throws(Unreadable) -> Read {
        let stored: StoredCart
        do {
            stored = try JSONDecoder().decode(StoredCart.self, from: data)
        } catch {
            throw Unreadable(description: "not a stored cart: \(error)")
        }
        let version = stored.schemaVersion ?? 1
        guard version <= StoredCart.currentVersion else {
            throw Unreadable(
                description: "written by a newer CartBridge (schema \(version); this build reads up to \(StoredCart.currentVersion))")
        }
        return try stored.domain(version: version)
    }
}

extension StoredCart {
    init(_ cart: BridgeCart) {
        schemaVersion = Self.currentVersion
        id = cart.id
        regionID = cart.regionID
        email = cart.email
        customerID = cart.customerID
        shippingAddress = cart.shippingAddress
        billingAddress = cart.billingAddress
        discountCodes = cart.discountCodes
        context = cart.context
        salesChannelID = cart.salesChannelID
        merchants = cart.merchants.map(StoredMerchantCart.init)
        shippingChoices = cart.shippingChoices
        payment = cart.payment
        createdAt = cart.createdAt
        updatedAt = cart.updatedAt
        completedAt = cart.completedAt
        orderID = cart.orderID
        declinedAt = cart.declinedAt
    }

    func domain(version: Int) throws(CartDocument.Unreadable) -> CartDocument.Read {
        var cart = BridgeCart(id: id, regionID: regionID, now: createdAt)
        cart.email = email
        cart.customerID = customerID
        cart.shippingAddress = shippingAddress
        cart.billingAddress = billingAddress
        cart.discountCodes = discountCodes
        cart.context = context
        cart.salesChannelID = salesChannelID
        cart.shippingChoices = shippingChoices
        cart.payment = payment
        cart.updatedAt = updatedAt
        cart.completedAt = completedAt
        cart.orderID = orderID
        cart.declinedAt = declinedAt
        var dropped: [String] = []
        for stored in merchants {
            if let problem = stored.unreadableSnapshot {
                dropped.append("the stored cart of \(stored.domain) (asked again): \(problem)")
            }
            cart.merchants.append(try stored.domain(cartID: id))
        }
        return CartDocument.Read(cart: cart, version: version, dropped: dropped)
    }
}

extension StoredMerchantCart {
    init(_ merchant: MerchantCart) {
        self.init(
            domain: merchant.domain,
            session: StoredSession(
                accessToken: merchant.session.accessToken, deviceID: merchant.session.deviceID,
                expiresAt: merchant.session.expiresAt),
            // A placed order's cart is the snapshot (`record` keeps them equal), so it is stored once.
            snapshot: merchant.placedOrder?.cart ?? merchant.snapshot, snapshotAt: merchant.snapshotAt,
            placedOrder: merchant.placedOrder.map {
                StoredPlacedOrder(
                    orderNumber: $0.orderNumber, merchantCartID: $0.merchantCartID, thankYouPage: $0.thankYouPage,
                    placedAt: $0.placedAt)
            },
            completeOrderSentAt: merchant.completeOrderSentAt)
    }

    func domain(cartID: String) throws(CartDocument.Unreadable) -> MerchantCart {
        var merchant = MerchantCart(
            domain: domain,
            session: DeviceSession(accessToken: session.accessToken, deviceID: session.deviceID, expiresAt: session.expiresAt))
        merchant.snapshot = snapshot
        merchant.snapshotAt = snapshotAt
        merchant.completeOrderSentAt = completeOrderSentAt
        if let placed = placedOrder {
            guard let placedCart = placed.cart ?? snapshot else {
                throw CartDocument.Unreadable(
                    description: "the placed order \(placed.orderNumber) at \(domain) has no readable merchant cart")
            }
            merchant.snapshot = placedCart
            merchant.placedOrder = PlacedMerchantOrder(
                orderNumber: placed.orderNumber, merchantCartID: placed.merchantCartID,
                thankYouPage: placed.thankYouPage, placedAt: placed.placedAt, cart: placedCart)
        }
        return merchant
    }
}
