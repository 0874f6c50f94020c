/// The Full Cart calls CartBridge makes to one merchant domain. `FullCartClient` makes them over HTTP; the
/// checkout core sees only this, so its decisions are tested against a scripted merchant.
///
/// Each cart call takes the device session and answers with the session it ended with (renewed when the
/// merchant asked for it). Every failure is a `FullCartError`: the merchant's own envelope (`.merchant`) or
/// anything else (`mayHaveTakenEffect` says whether a change may have been made anyway).
public protocol FullCartMerchantAPI: Sendable {
    var merchant: FullCartMerchant { get }

    func createSession() async throws(FullCartError) -> DeviceSession

    func products(page: Int, size: Int, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<[FullCartProductSummary]>
    func product(handle: String, postalCode: String?, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartProduct>

    func cart(session: DeviceSession) async throws(FullCartError) -> Authenticated<FullCartCart>
    func addLineItem(_ body: FullCartAddLineItemRequest, flushCart: Bool, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartCart>
    func updateLineItem(id: String, quantity: Int, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartCart>
    func setShippingInfo(_ address: FullCartAddress, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartCart>
    func setShippingMethod(_ body: FullCartShippingMethodRequest, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartCart>
    func addAddon(_ selection: FullCartAddonSelection, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartCart>
    func removeAddon(_ body: FullCartRemoveAddonRequest, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartCart>
    func applyPromoCodes(_ codes: [String], session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartCart>
    func clearPromoCodes(session: DeviceSession) async throws(FullCartError) -> Authenticated<FullCartCart>

    /// The merchant's card-encryption key (payment host).
    func paymentKey() async throws(FullCartError) -> FullCartPaymentKey
    /// Never retried by the implementation: after it went out, only the merchant's own refusal means nothing
    /// was placed.
    func completeOrder(_ body: FullCartCompleteOrderRequest, session: DeviceSession)
        async throws(FullCartError) -> Authenticated<FullCartCart>
}

extension FullCartClient: FullCartMerchantAPI {}
