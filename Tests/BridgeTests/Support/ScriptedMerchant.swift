@testable import MedusaV1
import CardCrypto
import Foundation
import FullCartAPI

/// A Full Cart merchant as a script, for the checkout core's tests (the Service/Fake pattern): no network. It
/// keeps one merchant cart, answers reads with it, answers each complete-order with the next scripted step,
/// and records every call. Calls a test did not script fail with the merchant's own 501.
final class ScriptedMerchant: FullCartMerchantAPI, @unchecked Sendable {
    enum CompleteOrderStep: Sendable {
        /// Places the order and answers the submitted cart.
        case place
        /// The merchant's own refusal (its envelope): nothing is placed.
        case refuse(code: String, status: Int)
        /// Places the order, then the answer is lost this way (a proxy's page, a timeout, a reset).
        case placeThenFail(FullCartError)
        /// Places nothing, and answers this way.
        case failWithoutPlacing(FullCartError)
        /// The merchant has just rotated its card key, with no grace for the old one: the card is refused as
        /// Full Cart refuses an unreadable body.
        case rotateKeyAndRefuse(to: CardKeyPair)
    }

    let merchant: FullCartMerchant
    private let lock = NSLock()
    // Guarded by `lock`.
    private var cart: FullCartCart
    private var steps: [CompleteOrderStep]
    private var key: CardKeyPair
    private var calls: [String] = []
    private var sentCards: [String] = []
    private var sentCompleteOrders: [FullCartCompleteOrderRequest] = []
    private var receivedSelections: [FullCartAddonSelection] = []
    private var nextOrderNumber = 1
    private var catalog: [FullCartProduct]?
    private var catalogDetailsMissing: Set<String> = []
    private var catalogDown = false

    init(domain: String, cart: FullCartCart, key: CardKeyPair, steps: [CompleteOrderStep] = []) {
        merchant = FullCartMerchant(
            domain: domain, apiBaseURL: "https://api.invalid", paymentBaseURL: "https://cc.invalid", appID: "tests",
            timeouts: FullCartTimeouts(request: .seconds(5), completeOrder: .seconds(30), completeOrderSettle: .seconds(120)))
        self.cart = cart
        self.key = key
        self.steps = steps
    }

    // MARK: What the test sees and scripts

    var callNames: [String] { lock.withLock { calls } }
    func count(_ name: String) -> Int { callNames.filter { $0 == name }.count }
    /// The card JWEs complete-order received, in order.
    var receivedCards: [String] { lock.withLock { sentCards } }
    /// The complete-order bodies received, in order.
    var receivedCompleteOrders: [FullCartCompleteOrderRequest] { lock.withLock { sentCompleteOrders } }
    var currentCart: FullCartCart { lock.withLock { cart } }
    /// The addon selections received, in order.
    var addonSelections: [FullCartAddonSelection] { lock.withLock { receivedSelections } }
    /// Serves `products` as its catalog (C2 pages of it, and C1 by handle); nil: the catalog is not scripted.
    /// `detailsMissing`: handles the list names whose details answer 404 (removed between the two calls).
    func setCatalog(_ products: [FullCartProduct]?, detailsMissing: Set<String> = []) {
        lock.withLock {
            catalog = products
            catalogDetailsMissing = detailsMissing
        }
    }
    /// While down, catalog calls fail as an unreachable merchant's do.
    func setCatalogDown(_ down: Bool) { lock.withLock { catalogDown = down } }
    /// The merchant changes the cart on its side (a price, a notice).
    func change(_ edit: (inout FullCartCart) -> Void) { lock.withLock { edit(&cart) } }

    // MARK: FullCartMerchantAPI

    func createSession() async throws(FullCartError) -> DeviceSession {
        record("createSession")
        return DeviceSession(accessToken: "token", deviceID: "device", expiresAt: .distantFuture)
    }

    func cart(session: DeviceSession) async throws(FullCartError) -> Authenticated<FullCartCart> {
        record("cart")
        return Authenticated(value: currentCart, session: session)
    }

    func paymentKey() async throws(FullCartError) -> FullCartPaymentKey {
        record("paymentKey")
        let current = lock.withLock { () -> CardKeyPair in key }
        return FullCartPaymentKey(kid: current.kid, jwk: current.publicJWK)
    }

    func completeOrder(_ body: FullCartCompleteOrderRequest, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartCart>
    {
        let step = lock.withLock { () -> CompleteOrderStep in
            calls.append("completeOrder")
            sentCards.append(body.encryptedCard)
            sentCompleteOrders.append(body)
            return steps.isEmpty ? .place : steps.removeFirst()
        }
        switch step {
        case .place:
            return Authenticated(value: placeOrder(), session: session)
        case .refuse(let code, let status):
            throw FullCartError(
                kind: .merchant, status: status, code: code, message: "scripted refusal",
                endpoint: "POST payment/complete-order")
        case .placeThenFail(let error):
            _ = placeOrder()
            throw error
        case .failWithoutPlacing(let error):
            throw error
        case .rotateKeyAndRefuse(let newKey):
            lock.withLock { key = newKey }
            throw FullCartError(
                kind: .merchant, status: 400, code: "ErrorInvalidInputBody", message: "encrypted_card unreadable",
                endpoint: "POST payment/complete-order")
        }
    }

    private func placeOrder() -> FullCartCart {
        lock.withLock {
            cart.status = .submitted
            cart.platformOrderNumber = "\(merchant.domain)-\(nextOrderNumber)"
            nextOrderNumber += 1
            return cart
        }
    }

    private func record(_ name: String) {
        lock.withLock { calls.append(name) }
    }

    private func unscripted(_ name: String) -> FullCartError {
        record(name)
        return FullCartError(
            kind: .merchant, status: 501, code: "ErrorNotScripted", message: "\(name) is not scripted",
            endpoint: name)
    }

    func products(page: Int, size: Int, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<[FullCartProductSummary]>
    {
        let products = try scriptedCatalog("products")
        let pageItems = products.dropFirst((page - 1) * size).prefix(size)
        return Authenticated(
            value: pageItems.map { FullCartProductSummary(loc: nil, handle: $0.handle, title: $0.title, image: nil) },
            session: session)
    }
    func product(handle: String, postalCode: String?, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartProduct>
    {
        let missing = lock.withLock { catalogDetailsMissing }
        guard !missing.contains(handle), let product = try scriptedCatalog("product").first(where: { $0.handle == handle }) else {
            throw FullCartError(kind: .merchant, status: 404, code: "ErrorProductNotFound", message: handle, endpoint: "product")
        }
        return Authenticated(value: product, session: session)
    }

    private func scriptedCatalog(_ name: String) throws(FullCartError) -> [FullCartProduct] {
        let (products, down) = lock.withLock { (catalog, catalogDown) }
        guard let products else { throw unscripted(name) }
        record(name)
        if down {
            throw FullCartError(kind: .connectionFailed, status: nil, code: "ConnectionFailed", message: "down", endpoint: name)
        }
        return products
    }
    func addLineItem(_ body: FullCartAddLineItemRequest, flushCart: Bool, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartCart>
    { throw unscripted("addLineItem") }
    func updateLineItem(id: String, quantity: Int, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartCart>
    { throw unscripted("updateLineItem") }
    func setShippingInfo(_ address: FullCartAddress, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartCart>
    { throw unscripted("setShippingInfo") }
    func setShippingMethod(_ body: FullCartShippingMethodRequest, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartCart>
    { throw unscripted("setShippingMethod") }
    /// Selects as a merchant does: the selection joins the cart's (replacing one of the same addon).
    func addAddon(_ selection: FullCartAddonSelection, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartCart>
    {
        record("addAddon")
        lock.withLock { receivedSelections.append(selection) }
        let updated = lock.withLock { () -> FullCartCart in
            cart.addons.selections.removeAll { $0.addonID == selection.addonID }
            cart.addons.selections.append(selection)
            return cart
        }
        return Authenticated(value: updated, session: session)
    }
    /// Deselects as a merchant does: an addon that is not selected is refused.
    func removeAddon(_ body: FullCartRemoveAddonRequest, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartCart>
    {
        record("removeAddon")
        let updated = lock.withLock { () -> FullCartCart? in
            guard cart.addons.selections.contains(where: { $0.addonID == body.addonID }) else { return nil }
            cart.addons.selections.removeAll { $0.addonID == body.addonID }
            return cart
        }
        guard let updated else {
            throw FullCartError(
                kind: .merchant, status: 400, code: "ErrorAddonNotSelected",
                message: "Addon '\(body.addonID)' is not selected", endpoint: "removeAddon")
        }
        return Authenticated(value: updated, session: session)
    }
    func applyPromoCodes(_ codes: [String], session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartCart>
    { throw unscripted("applyPromoCodes") }
    func clearPromoCodes(session: DeviceSession) async throws(FullCartError) -> Authenticated<FullCartCart> {
        throw unscripted("clearPromoCodes")
    }
}
