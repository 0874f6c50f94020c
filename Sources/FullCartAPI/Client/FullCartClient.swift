import BoundedCache
import AsyncHTTPClient
import CardCrypto
import Foundation
import Logging
import NIOHTTP1

/// A value obtained with a device session, and the session to keep afterwards: it differs from the one
/// passed in when the call renewed it.
public struct Authenticated<Value: Sendable>: Sendable {
    public var value: Value
    public var session: DeviceSession

    public init(value: Value, session: DeviceSession) {
        self.value = value
        self.session = session
    }
}

/// The merchant's current card-encryption key from the payment host. `kid` is the one to put in the JWE
/// header: the `x-firmly-kid` response header, else the JWK's own.
public struct FullCartPaymentKey: Sendable, Equatable {
    public var kid: String
    public var jwk: RSAPublicJWK

    public init(kid: String, jwk: RSAPublicJWK) {
        self.kid = kid
        self.jwk = jwk
    }
}

/// Typed calls to one merchant's Full Cart API (reference §2).
///
/// Stateless and `Sendable`: the device session travels with each call and comes back in `Authenticated`,
/// so the caller decides where it lives. A session near its expiry is renewed first (keeping the device and
/// its carts); a 401 renews once and retries once. Reads are retried with backoff when the failure is
/// transient; mutations and complete-order never are.
public struct FullCartClient: Sendable {
    public let merchant: FullCartMerchant
    private let transport: FullCartTransport
    private let now: @Sendable () -> Date
    /// Cart-read answers decoded, by their exact bytes (the whole body is the key, so a hit is the same answer):
    /// a merchant answering what it answered before, the usual case, is not decoded again.
    private let cartAnswers = BoundedCache<Data, FullCartCart>(capacity: 128)

    /// `observers` hear of every HTTP exchange; by default it is counted in the process-wide `MetricsSystem`.
    public init(
        merchant: FullCartMerchant, http: HTTPClient,
        configuration: FullCartClientConfiguration = FullCartClientConfiguration(),
        logger: Logger = Logger(label: "cartbridge.fullcart"),
        observers: [any FullCartCallObserver] = [FullCartCallMetrics()],
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.merchant = merchant
        self.transport = FullCartTransport(
            http: http, merchant: merchant, configuration: configuration, logger: logger, observers: observers)
        self.now = now
    }

    // MARK: Browser session (A1)

    /// Mints a new device with empty carts.
    public func createSession() async throws(FullCartError) -> DeviceSession {
        try await browserSession(FullCartSessionRequest(accessToken: nil))
    }

    /// Renews with the old (possibly expired) token: same device, same carts. Firmly accepts this up to a
    /// week after expiry; later it answers 401.
    public func renewSession(_ session: DeviceSession) async throws(FullCartError) -> DeviceSession {
        try await browserSession(FullCartSessionRequest(accessToken: session.accessToken))
    }

    private func browserSession(_ body: FullCartSessionRequest) async throws(FullCartError) -> DeviceSession {
        let request = FullCartTransport.Request(
            method: .POST, host: .api, path: "/api/v1/browser-session", body: try encode(body, "POST browser-session"),
            headers: [("x-firmly-app-id", merchant.appID)], isRetryable: false, timeout: merchant.timeouts.request,
            name: "POST browser-session")
        let response: FullCartSessionResponse = try await decode(transport.send(request), request.name)
        return DeviceSession(response)
    }

    // MARK: Catalog (C1, C2)

    public func products(page: Int = 1, size: Int = 100, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<[FullCartProductSummary]>
    {
        try await read(
            "/api/v1/domains-products/\(domainSegment)", query: [("page", "\(page)"), ("size", "\(size)")],
            name: "GET domains-products", session: session)
    }

    public func product(handle: String, postalCode: String? = nil, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartProduct>
    {
        try await read(
            "/api/v1/domains-products/\(domainSegment)/\(FullCartPath.encode(handle))",
            query: postalCode.map { [("postal_code", $0)] } ?? [], name: "GET domains-products/{handle}",
            session: session)
    }

    // MARK: Cart (V1–V4)

    /// The live client needs `/cart/`; the docs say `/cart`. Try the first, fall back to the second.
    public func cart(session: DeviceSession) async throws(FullCartError) -> Authenticated<FullCartCart> {
        try await read(
            cartPath("/"), fallbackPath: cartPath(""), name: "GET cart", session: session, reusingDecodedAnswers: true)
    }

    public func addLineItem(_ body: FullCartAddLineItemRequest, flushCart: Bool = false, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartCart>
    {
        try await mutate(
            .POST, cartPath("/line-items"), query: flushCart ? [("flush_cart", "true")] : [], body: body,
            name: "POST cart/line-items", session: session)
    }

    /// Quantity 0 removes the line (there is no delete-line endpoint in v2).
    public func updateLineItem(id: String, quantity: Int, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartCart>
    {
        try await mutate(
            .PUT, cartPath("/line-items/\(FullCartPath.encode(id))"),
            body: FullCartUpdateLineItemRequest(quantity: quantity), name: "PUT cart/line-items/{id}",
            session: session)
    }

    public func clearLineItems(session: DeviceSession) async throws(FullCartError) -> Authenticated<FullCartCart> {
        try await mutate(
            .DELETE, cartPath("/line-items"), body: Optional<FullCartUpdateLineItemRequest>.none,
            name: "DELETE cart/line-items", session: session)
    }

    // MARK: Checkout and shipments (S1–S3)

    public func setShippingInfo(_ address: FullCartAddress, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartCart>
    {
        try await mutate(
            .POST, cartPath("/shipping-info"), body: address, name: "POST cart/shipping-info", session: session)
    }

    public func setFulfillmentType(_ body: FullCartFulfillmentTypeRequest, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartCart>
    {
        try await mutate(
            .POST, cartPath("/shipments/fulfillment-type"), body: body, name: "POST cart/shipments/fulfillment-type",
            session: session)
    }

    /// The documented path is `cart/shipment/methods`; a live client used `cart/shipments/shipping-method`.
    public func setShippingMethod(_ body: FullCartShippingMethodRequest, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartCart>
    {
        try await mutate(
            .POST, cartPath("/shipment/methods"), fallbackPath: cartPath("/shipments/shipping-method"), body: body,
            name: "POST cart/shipment/methods", session: session)
    }

    // MARK: Addons (AD1, AD2) and promo codes (P1, P2)

    /// One selection per call, as the API asks.
    public func addAddon(_ selection: FullCartAddonSelection, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartCart>
    {
        try await mutate(
            .POST, cartPath("/addons"), body: FullCartAddonsRequest(selections: [selection]),
            name: "POST cart/addons", session: session)
    }

    public func removeAddon(_ body: FullCartRemoveAddonRequest, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartCart>
    {
        try await mutate(
            .POST, cartPath("/addons/_remove"), body: body, name: "POST cart/addons/_remove", session: session)
    }

    public func applyPromoCodes(_ codes: [String], session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartCart>
    {
        try await mutate(
            .POST, cartPath("/promo-codes"), body: FullCartPromoCodesRequest(promoCodes: codes),
            name: "POST cart/promo-codes", session: session)
    }

    public func clearPromoCodes(session: DeviceSession) async throws(FullCartError) -> Authenticated<FullCartCart> {
        try await mutate(
            .DELETE, cartPath("/promo-codes"), body: Optional<FullCartPromoCodesRequest>.none,
            name: "DELETE cart/promo-codes", session: session)
    }

    // MARK: Payment host (K1, O1)

    /// The merchant's current public key; the `x-firmly-kid` header wins over the JWK's own `kid`.
    public func paymentKey() async throws(FullCartError) -> FullCartPaymentKey {
        let request = FullCartTransport.Request(
            method: .GET, host: .payment, path: "/api/v1/payment/key", query: [("format", "JWK")], isRetryable: true,
            timeout: merchant.timeouts.request, name: "GET payment/key")
        let response = try await transport.send(request)
        let jwk: RSAPublicJWK = try decode(response, request.name)
        guard let kid = response.headers.first(name: "x-firmly-kid") ?? jwk.kid, !kid.isEmpty else {
            throw FullCartError(
                kind: .invalidResponse, status: response.status, code: "InvalidResponse",
                message: "payment key has no kid (neither x-firmly-kid nor jwk.kid)", endpoint: request.name)
        }
        return FullCartPaymentKey(kid: kid, jwk: jwk)
    }

    /// Places the order. Never retried here: after a timeout or a lost connection (`mayHaveTakenEffect`) the
    /// caller must read the cart back: `submitted` with an order number means the order exists.
    /// A 401 is still renewed and retried once: a rejected token means nothing was attempted.
    public func completeOrder(_ body: FullCartCompleteOrderRequest, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartCart>
    {
        let name = "POST payment/complete-order"
        let payload = try encode(body, name)
        return try await authenticated(session) { (token) async throws(FullCartError) -> FullCartCart in
            let request = FullCartTransport.Request(
                method: .POST, host: .payment, path: "/api/v2/payment/domains/\(domainSegment)/complete-order",
                body: payload, token: token, isRetryable: false, timeout: merchant.timeouts.completeOrder,
                name: name)
            return try decode(await transport.send(request), name)
        }
    }

    // MARK: Plumbing

    private var domainSegment: String { FullCartPath.encode(merchant.domain) }

    private func cartPath(_ suffix: String) -> String {
        "/api/v2/domains/\(domainSegment)/cart\(suffix)"
    }

    /// `reusingDecodedAnswers`: for cart reads, whose answers repeat (see `cartAnswers`).
    private func read<Value: Decodable & Sendable>(
        _ path: String, query: [(String, String)] = [], fallbackPath: String? = nil, name: String,
        session: DeviceSession, reusingDecodedAnswers: Bool = false
    ) async throws(FullCartError) -> Authenticated<Value> {
        try await authenticated(session) { (token) async throws(FullCartError) -> Value in
            let request = FullCartTransport.Request(
                method: .GET, host: .api, path: path, query: query, token: token, isRetryable: true,
                timeout: merchant.timeouts.request, fallbackPath: fallbackPath, name: name)
            let response = try await transport.send(request)
            if reusingDecodedAnswers, let cached = cartAnswers[response.body] as? Value { return cached }
            let value: Value = try decode(response, name)
            if reusingDecodedAnswers, let cart = value as? FullCartCart { cartAnswers.set(cart, for: response.body) }
            return value
        }
    }

    private func mutate<Body: Encodable>(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], fallbackPath: String? = nil,
        body: Body?, name: String, session: DeviceSession
    ) async throws(FullCartError) -> Authenticated<FullCartCart> {
        let payload = try body.map { (body) throws(FullCartError) -> Data in try encode(body, name) }
        return try await authenticated(session) { (token) async throws(FullCartError) -> FullCartCart in
            let request = FullCartTransport.Request(
                method: method, host: .api, path: path, query: query, body: payload, token: token,
                isRetryable: false, timeout: merchant.timeouts.request, fallbackPath: fallbackPath, name: name)
            return try decode(await transport.send(request), name)
        }
    }

    /// Renews a session about to expire, and on a 401 renews once and retries once.
    private func authenticated<Value: Sendable>(
        _ session: DeviceSession, _ call: (String) async throws(FullCartError) -> Value
    ) async throws(FullCartError) -> Authenticated<Value> {
        var session = session
        if session.expires(within: transport.configuration.sessionRenewalMargin.timeInterval, of: now()) {
            session = try await renewSession(session)
        }
        do throws(FullCartError) {
            return Authenticated(value: try await call(session.accessToken), session: session)
        } catch where error.isUnauthorized {
            session = try await renewSession(session)
            return Authenticated(value: try await call(session.accessToken), session: session)
        }
    }

    private func encode<Body: Encodable>(_ body: Body, _ endpoint: String) throws(FullCartError) -> Data {
        do {
            return try JSONEncoder().encode(body)
        } catch {
            throw FullCartError(
                kind: .invalidResponse, status: nil, code: "InvalidRequest",
                message: "request body could not be encoded", endpoint: endpoint)
        }
    }

    private func decode<Value: Decodable>(_ response: FullCartTransport.Response, _ endpoint: String)
        throws(FullCartError) -> Value
    {
        do {
            return try JSONDecoder().decode(Value.self, from: response.body)
        } catch {
            throw FullCartError(
                kind: .invalidResponse, status: response.status, code: "InvalidResponse",
                message: "unexpected response body: \(Self.describe(error))", endpoint: endpoint)
        }
    }

    /// Where decoding failed, never the body's content.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "not JSON" }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing \(path(context.codingPath + [key]))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong type at \(path(context.codingPath))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not JSON" : "invalid value at \(path(context.codingPath))"
        @unknown default:
            return "not decodable"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}

extension Duration {
    /// Seconds as `TimeInterval`, for `Date` arithmetic.
    public var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
