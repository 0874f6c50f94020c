import Foundation
import FullCartAPI

/// Calls to the merchants and what is kept of their answers: sessions renewed, carts checked, placed orders
/// recorded the moment they are seen.
extension CheckoutPart {
    /// One merchant call for `merchant`, keeping its renewed session and the cart it returns (`keep`).
    func call(
        _ merchant: inout MerchantCart, in cart: BridgeCart,
        _ operation: (any FullCartMerchantAPI, DeviceSession) async throws(FullCartError) -> Authenticated<FullCartCart>
    ) async throws(CheckoutError) {
        let client = try merchants.client(for: merchant.domain)
        let result: Authenticated<FullCartCart>
        do throws(FullCartError) {
            result = try await operation(client, merchant.session)
        } catch {
            throw CheckoutError.merchant(error, domain: merchant.domain)
        }
        merchant.session = result.session
        try keep(result.value, at: &merchant, in: cart)
    }

    /// As `call`, for a change that is not safe to repeat (adding a line). When its outcome is unknown (no answer,
    /// or an answer that is not the merchant's own), the merchant cart is read back and `applied` decides from
    /// it: applied, the read-back is the answer; not applied, the failure stands and a retry is safe. When the
    /// change may have been made but cannot be confirmed, the answer is `unconfirmedChange` (never retried blindly).
    func callOnce(
        _ merchant: inout MerchantCart, in cart: BridgeCart,
        _ operation: (any FullCartMerchantAPI, DeviceSession) async throws(FullCartError) -> Authenticated<FullCartCart>,
        applied: (FullCartCart) -> Bool
    ) async throws(CheckoutError) {
        let client = try merchants.client(for: merchant.domain)
        let result: Authenticated<FullCartCart>
        do throws(FullCartError) {
            result = try await operation(client, merchant.session)
        } catch where error.mayHaveTakenEffect {
            var readBack = merchant
            do throws(CheckoutError) {
                try await call(&readBack, in: cart) { client, session async throws(FullCartError) in
                    try await client.cart(session: session)
                }
            } catch {
                throw Self.unconfirmedChange(merchant.domain, cause: "\(error.cause ?? "\(error)") after \(error)")
            }
            guard let snapshot = readBack.snapshot, applied(snapshot) else {
                throw CheckoutError.merchant(error, domain: merchant.domain)
            }
            logger.notice(
                "a change whose answer was lost was found made at the merchant",
                metadata: ["merchant": "\(merchant.domain)", "error": "\(error)"])
            merchant = readBack
            return
        } catch {
            throw CheckoutError.merchant(error, domain: merchant.domain)
        }
        merchant.session = result.session
        do throws(CheckoutError) {
            try keep(result.value, at: &merchant, in: cart)
        } catch {
            throw Self.unconfirmedChange(merchant.domain, cause: error.cause ?? "\(error)")
        }
    }

    /// A change that may have been made at the merchant although CartBridge cannot show it.
    static func unconfirmedChange(_ domain: String, cause: String) -> CheckoutError {
        CheckoutError(
            .unconfirmedChange, "The merchant \(domain) may have made the change; read the cart before trying again",
            cause: cause)
    }

    /// Keeps a merchant's cart answer. One that holds a placed order is recorded at once (an order of ours is
    /// never dropped, whatever its amounts say); any other is kept only once it passed `accept`.
    func keep(_ answer: FullCartCart, at merchant: inout MerchantCart, in cart: BridgeCart) throws(CheckoutError) {
        if Self.isPlacedOrder(answer) {
            record(answer, at: &merchant, in: cart)
            return
        }
        try accept(answer, from: merchant.domain, for: cart)
        merchant.snapshot = answer
        merchant.snapshotAt = now()
    }

    /// Checks a merchant cart before it is stored or rendered (`MerchantCartCheck`): amounts in the cart's
    /// currency and within bounds, sizes within bounds.
    func accept(_ merchantCart: FullCartCart, from domain: String, for cart: BridgeCart) throws(CheckoutError) {
        let currency = try region(for: cart).currencyCode
        do throws(MerchantCartCheck.Problem) {
            try MerchantCartCheck.check(merchantCart, currency: currency)
        } catch {
            throw CheckoutError(
                .badMerchantAnswer, "The merchant \(domain) answered a cart CartBridge cannot accept (\(error))",
                cause: "merchant cart check: \(error)")
        }
    }

    /// The cart's entry for `domain`, creating the device session on first use.
    func merchantCart(for domain: String, in cart: BridgeCart) async throws(CheckoutError) -> MerchantCart {
        if let existing = cart.merchant(domain) { return existing }
        let client = try merchants.client(for: domain)
        do throws(FullCartError) {
            return MerchantCart(domain: domain, session: try await client.createSession())
        } catch {
            throw CheckoutError.merchant(error, domain: domain)
        }
    }

    /// Keeps a placed order. Its order number is the merchant's word and is kept whatever else the answer
    /// holds; amounts that fail `MerchantCartCheck` are not, and the last checked cart stands in for them.
    func record(_ submitted: FullCartCart, at merchant: inout MerchantCart, in cart: BridgeCart) {
        let number = submitted.platformOrderNumber ?? ""
        var kept = submitted
        do throws(CheckoutError) {
            try accept(submitted, from: merchant.domain, for: cart)
        } catch {
            logger.error(
                "a placed order's cart failed its checks; keeping the order with the last checked cart",
                metadata: ["merchant": "\(merchant.domain)", "order": "\(number)", "cause": "\(error.cause ?? "")"])
            if var last = merchant.snapshot {
                last.status = .submitted
                last.platformOrderNumber = number
                last.urls = submitted.urls
                kept = last
            }
        }
        merchant.snapshot = kept
        merchant.snapshotAt = now()
        merchant.placedOrder = PlacedMerchantOrder(
            orderNumber: number, merchantCartID: kept.cartID, thankYouPage: kept.urls?.thankYouPage,
            placedAt: now(), cart: kept)
    }

    /// `submitted` with a non-empty order number: the only answer that counts as a placed order.
    static func isPlacedOrder(_ cart: FullCartCart) -> Bool {
        cart.status == .submitted && !(cart.platformOrderNumber ?? "").isEmpty
    }

    /// Reads one merchant's cart afresh (`call` records a placed order found there).
    func refreshMerchant(_ merchant: inout MerchantCart, in cart: BridgeCart) async throws(CheckoutError) {
        try await call(&merchant, in: cart) { client, session async throws(FullCartError) in
            try await client.cart(session: session)
        }
    }

    /// Reads every merchant's cart afresh (status, notices, prices may have moved).
    func refreshSnapshots(_ cart: inout BridgeCart) async throws(CheckoutError) {
        for var merchant in cart.merchants where merchant.placedOrder == nil && merchant.snapshot != nil {
            try await refreshMerchant(&merchant, in: cart)
            cart.upsert(merchant)
        }
    }
}
