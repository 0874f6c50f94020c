import CardCrypto
import Foundation
import FullCartAPI

/// Everything the simulated merchants remember: device carts, live stock, placed orders, payment keys, token
/// expiries and fault settings. The catalog is fixed for the life of the simulator.
actor SimulatorState {
    struct CartKey: Hashable, Sendable {
        let deviceID: String
        let domain: String
    }

    /// A successful complete-order: the submitted cart, and how a fault says to answer it.
    struct CompletedOrder: Sendable {
        let cart: FullCartCart
        let answer: AnswerAfterCommit
    }

    let catalog: Catalog
    private let configuration: SimulatorConfiguration
    private var sessions: SessionAuthority
    private var carts: [CartKey: CartState] = [:]
    private var stock: [String: [String: Int]]
    private var orders: [LedgerOrder] = []
    private var nextOrderNumber = 100_001
    private var faults: FaultSettings
    private var random: SeededRandom
    private var keyRing: PaymentKeyRing

    init(catalog: Catalog, configuration: SimulatorConfiguration, paymentKey: CardKeyPair) {
        self.catalog = catalog
        self.configuration = configuration
        sessions = SessionAuthority(lifetimeSeconds: Int(configuration.tokenLifetime.seconds))
        stock = catalog.initialStock
        faults = FaultSettings(seed: configuration.randomSeed)
        random = SeededRandom(seed: configuration.randomSeed)
        keyRing = PaymentKeyRing(current: paymentKey)
    }

    nonisolated var configuredSeed: UInt64 { configuration.randomSeed }

    private var now: Date { Date() }
    private var epochSeconds: Int { Int(now.timeIntervalSince1970) }

    // MARK: Sessions

    /// A new device, or, with a renewable previous token, a fresh token for the same device and its carts.
    func createSession(appID: String, previousToken: String?) throws(SimulatorError) -> FullCartSessionResponse {
        if let previousToken {
            let claims = try sessions.renewable(previousToken, now: epochSeconds)
            return sessions.issue(deviceID: claims.deviceID, appID: appID, deviceCreated: false, now: epochSeconds)
        }
        return sessions.issue(
            deviceID: UUID().uuidString.lowercased(), appID: appID, deviceCreated: true, now: epochSeconds)
    }

    /// The device an `x-firmly-authorization` header authorises.
    func authenticate(_ header: String?) throws(SimulatorError) -> String {
        try sessions.authenticate(header: header, now: epochSeconds).deviceID
    }

    func expireTokens(beyondRenewal: Bool) {
        sessions.expireIssuedTokens(beyondRenewal: beyondRenewal, now: epochSeconds)
    }

    // MARK: Catalog

    func productSummaries(domain: String, page: Int, size: Int, baseURL: String) throws(SimulatorError)
        -> [FullCartProductSummary]
    {
        guard let merchant = catalog.merchant(domain: domain) else { throw .allProductsNotImplemented(domain: domain) }
        let (offset, overflow) = (page - 1).multipliedReportingOverflow(by: size)
        guard !overflow else { return [] }
        return merchant.products.dropFirst(offset).prefix(size).map { product in
            FullCartProductSummary(
                loc: "\(baseURL)/api/v1/domains-products/\(domain)/\(product.handle)", handle: product.handle,
                title: product.title, image: product.wireImages().first)
        }
    }

    func product(domain: String, handle: String) throws(SimulatorError) -> FullCartProduct {
        guard let merchant = catalog.merchant(domain: domain), let product = merchant.product(handle: handle) else {
            throw .productNotFound("Product '\(handle)' was not found at \(domain)")
        }
        let units = stock[domain] ?? [:]
        return product.wireProduct(
            merchant: merchant, pdpURL: "https://\(domain)/products/\(product.handle)",
            stock: { units[$0] ?? 0 })
    }

    // MARK: Carts

    /// The device's cart at a merchant; a device's first read creates an empty one.
    func cart(deviceID: String, domain: String) throws(SimulatorError) -> FullCartCart {
        let (merchant, cart) = try existingOrNewCart(deviceID: deviceID, domain: domain)
        carts[CartKey(deviceID: deviceID, domain: domain)] = cart
        if cart.order != nil, consumeStaleCartRead(MerchantCall(segments: ["cart"], domain: domain)) {
            var unsubmitted = cart
            unsubmitted.order = nil
            return renderer(for: merchant).render(unsubmitted)
        }
        return answer(renderer(for: merchant).render(cart), domain: domain)
    }

    /// A cart answer, corrupted when a fault says so: a negative total in a currency that is not the merchant's.
    private func answer(_ cart: FullCartCart, domain: String) -> FullCartCart {
        guard faults.corruptAmountsNext > 0, faults.matches(MerchantCall(segments: ["cart"], domain: domain)) else {
            return cart
        }
        faults.corruptAmountsNext -= 1
        var corrupted = cart
        corrupted.total = FullCartMoney(currency: "XTS", minorUnits: Int.min)
        corrupted.subTotal = FullCartMoney(currency: "XTS", minorUnits: Int.max)
        return corrupted
    }

    private func consumeDecline(_ call: MerchantCall) -> Bool {
        guard faults.declineNext > 0, faults.matches(call) else { return false }
        faults.declineNext -= 1
        return true
    }

    private func consumeStaleCartRead(_ call: MerchantCall) -> Bool {
        guard faults.staleCartReadsNext > 0, faults.matches(call) else { return false }
        faults.staleCartReadsNext -= 1
        return true
    }

    /// Applies one cart mutation atomically: a refused mutation leaves the cart as it was.
    func mutateCart(
        deviceID: String, domain: String,
        _ mutation: @Sendable (inout CartState, CartContext) throws(SimulatorError) -> Void
    ) throws(SimulatorError) -> FullCartCart {
        var (merchant, cart) = try existingOrNewCart(deviceID: deviceID, domain: domain)
        // Simulator policy (the reference leaves it undocumented): a submitted cart is read-only.
        if let order = cart.order { throw .cartSubmitted(orderNumber: order.orderNumber) }
        let units = stock[domain] ?? [:]
        try mutation(&cart, CartContext(merchant: merchant, stock: { units[$0] ?? 0 }, now: now))
        carts[CartKey(deviceID: deviceID, domain: domain)] = cart
        return answer(renderer(for: merchant).render(cart), domain: domain)
    }

    private func existingOrNewCart(deviceID: String, domain: String) throws(SimulatorError) -> (Merchant, CartState) {
        guard let merchant = catalog.merchant(domain: domain) else { throw .cartNotFound(domain: domain) }
        let cart =
            carts[CartKey(deviceID: deviceID, domain: domain)] ?? CartState(cartID: CartState.newID("cart"))
        return (merchant, cart)
    }

    private func renderer(for merchant: Merchant) -> CartRenderer {
        let units = stock[merchant.domain] ?? [:]
        return CartRenderer(merchant: merchant, stock: { units[$0] ?? 0 }, now: now)
    }

    // MARK: Orders

    /// The keys that decrypt an `encrypted_card` now (current plus rotated-out keys still in grace).
    func cardKeyStore() -> CardKeyStore? {
        keyRing.keyStore(now: now)
    }

    var currentPaymentKey: CardKeyPair { keyRing.current }

    /// Places the order when the cart is ready and the card is approved; nothing changes otherwise.
    func completeOrder(
        deviceID: String, domain: String, billingInfo: FullCartAddress, card: CardDetails, keyID: String
    ) throws(SimulatorError) -> CompletedOrder {
        guard let merchant = catalog.merchant(domain: domain),
            var cart = carts[CartKey(deviceID: deviceID, domain: domain)]
        else { throw .cartNotFound(domain: domain) }
        if let order = cart.order { throw .cartSubmitted(orderNumber: order.orderNumber) }
        var submitted = renderer(for: merchant).render(cart)
        if let problem = CartStatusRules.checkoutProblem(submitted) { throw problem }
        if consumeDecline(MerchantCall(segments: ["payment", "complete-order"], domain: domain)) {
            throw .paymentDeclined("Your card was declined (simulated for this merchant)")
        }
        switch TestCards.outcome(forNumber: card.number) {
        case .declined(let reason): throw .paymentDeclined(reason)
        case .processorUnavailable: throw .storeUnavailable("The payment processor is unavailable; no order was placed")
        case .approved: break
        }

        for line in cart.lines {
            stock[domain, default: [:]][line.sku, default: 0] -= line.quantity
        }
        let orderNumber = "SIM-\(nextOrderNumber)"
        nextOrderNumber += 1
        let placedAt = now.formatted(.iso8601)
        submitted.status = .submitted
        submitted.platformOrderNumber = orderNumber
        submitted.submittedAt = placedAt
        submitted.urls = FullCartOrderURLs(thankYouPage: "https://\(domain)/checkout/success?order=\(orderNumber)")
        submitted.billingInfo = billingInfo
        submitted.paymentSummary = FullCartPaymentSummary(
            paymentType: "CreditCard", lastFour: card.lastFour, cardType: card.brand.displayName,
            month: card.month, year: card.year)
        cart.order = PlacedOrder(orderNumber: orderNumber, cart: submitted)
        carts[CartKey(deviceID: deviceID, domain: domain)] = cart
        orders.append(
            LedgerOrder(
                orderNumber: orderNumber, domain: domain, cartID: cart.cartID, deviceID: deviceID,
                total: submitted.total ?? merchant.money(0),
                lineItems: cart.lines.map { LedgerLine(sku: $0.sku, quantity: $0.quantity) },
                card: LedgerCard(
                    brand: card.brand.displayName, lastFour: card.lastFour, expMonth: card.month,
                    expYear: card.year, name: card.name),
                keyID: keyID, placedAt: placedAt))
        let answer = consumeAnswerAfterCommit(MerchantCall(segments: ["payment", "complete-order"], domain: domain))
        return CompletedOrder(cart: submitted, answer: answer)
    }

    var ledger: OrderLedger { OrderLedger(orders: orders) }

    func clearOrders() {
        orders = []
    }

    // MARK: Payment keys

    /// Publishes `next`; the old key keeps decrypting for `grace` (the configured period when nil).
    func rotatePaymentKey(to next: CardKeyPair, grace: Duration?) -> (kid: String, previousKid: String) {
        let previous = keyRing.rotate(to: next, grace: grace ?? configuration.keyGracePeriod, now: now)
        return (next.kid, previous)
    }

    // MARK: Faults

    var faultSettings: FaultSettings { faults }

    /// Replaces the fault settings and restarts the random sequence from their seed.
    func setFaults(_ settings: FaultSettings) {
        faults = settings
        random = SeededRandom(seed: settings.seed)
    }

    func clearFaults() {
        setFaults(FaultSettings(seed: configuration.randomSeed))
    }

    /// How many calls each merchant endpoint received (`payment/key`, `cart/line-items`, …), for tests.
    private(set) var callCounts: [String: Int] = [:]

    /// Latency and availability for one merchant call; counts down `unavailable_next`, and counts the call.
    func faultDecision(for call: MerchantCall) -> FaultDecision {
        callCounts[call.segments.joined(separator: "/"), default: 0] += 1
        guard faults.matches(call) else { return FaultDecision() }
        var decision = FaultDecision(
            latency: .milliseconds(faults.latencyMS), bodyStall: .milliseconds(faults.bodyStallMS))
        if faults.unavailableNext > 0 {
            faults.unavailableNext -= 1
            decision.unavailable = true
        } else if faults.unavailableRate > 0 {
            decision.unavailable = Double.random(in: 0..<1, using: &random) < faults.unavailableRate
        }
        return decision
    }

    private func consumeAnswerAfterCommit(_ call: MerchantCall) -> AnswerAfterCommit {
        guard faults.matches(call) else { return .order }
        if faults.dropAfterCommitNext > 0 {
            faults.dropAfterCommitNext -= 1
            return .dropConnection
        }
        if faults.proxyErrorAfterCommitNext > 0 {
            faults.proxyErrorAfterCommitNext -= 1
            return .proxyError(status: faults.proxyErrorStatus)
        }
        if faults.refuseAfterCommitNext > 0 {
            faults.refuseAfterCommitNext -= 1
            return .refusal
        }
        return .order
    }

    // MARK: Reset

    /// Back to a fresh start with the same catalog. The token-signing key and the current payment key stay, so a
    /// connected client's token and cached key remain usable; rotated-out keys are dropped.
    func reset() {
        carts = [:]
        stock = catalog.initialStock
        orders = []
        nextOrderNumber = 100_001
        sessions.reset()
        callCounts = [:]
        keyRing.dropRetiredKeys()
        clearFaults()
    }
}

/// What a cart mutation may consult: the merchant, live stock and the time.
struct CartContext: Sendable {
    let merchant: Merchant
    let stock: @Sendable (String) -> Int
    let now: Date
}
