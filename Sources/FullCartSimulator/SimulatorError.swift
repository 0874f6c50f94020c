/// An error answer of the simulated merchant: HTTP status, machine code (`error`) and human text.
///
/// Browser-session errors use the `{error, message}` envelope; everything else `{code, error, description}`.
struct SimulatorError: Error, Sendable, Equatable {
    enum Envelope: Sendable {
        case standard
        case session
    }

    let status: Int
    let code: String
    let description: String
    var envelope: Envelope = .standard

    static func invalidInputBody(_ description: String) -> Self {
        Self(status: 400, code: "ErrorInvalidInputBody", description: description)
    }

    static func invalidRequest(_ description: String) -> Self {
        Self(status: 400, code: "InvalidRequest", description: description)
    }

    static func sizeInvalid() -> Self {
        Self(status: 400, code: "Size Invalid", description: "size must be one of 100, 500, 1000 or 2000")
    }

    static func allProductsNotImplemented(domain: String) -> Self {
        Self(status: 404, code: "AllProductsNotImplemented", description: "No product listing for domain '\(domain)'")
    }

    static func productNotFound(_ description: String) -> Self {
        Self(status: 404, code: "ErrorProductNotFound", description: description)
    }

    static func notEnoughStock(sku: String, available: Int) -> Self {
        Self(
            status: 400, code: "ErrorNotEnoughStock",
            description: available > 0
                ? "Only \(available) of '\(sku)' in stock" : "'\(sku)' is out of stock")
    }

    static func lineItemNotFound(_ id: String) -> Self {
        Self(status: 404, code: "ErrorLineItemNotFound", description: "Line item '\(id)' is not in the cart")
    }

    static func cartNotFound(domain: String) -> Self {
        Self(status: 404, code: "ErrorCartNotFound", description: "Cart not found for domain '\(domain)'")
    }

    static func countryNotSupported(_ country: String) -> Self {
        Self(
            status: 400, code: "ErrorCountryNotSupported",
            description: "Country '\(country)' is not supported by this merchant")
    }

    static func shipmentNotFound(_ id: String) -> Self {
        Self(status: 404, code: "ErrorShipmentNotFound", description: "Shipment '\(id)' is not in the cart")
    }

    static func invalidFulfillmentType(_ id: String, shipmentID: String) -> Self {
        Self(
            status: 400, code: "ErrorInvalidFulfillmentType",
            description: "Fulfillment type '\(id)' is not offered for shipment '\(shipmentID)'")
    }

    static func invalidShippingMethod(_ id: String, shipmentID: String) -> Self {
        Self(
            status: 400, code: "ErrorInvalidShippingMethod",
            description: "Shipping method '\(id)' is not offered for shipment '\(shipmentID)'")
    }

    static func addonNotFound(_ id: String) -> Self {
        Self(status: 404, code: "ErrorAddonNotFound", description: "Addon '\(id)' is not offered for this cart")
    }

    static func addonNotSelected(_ description: String) -> Self {
        Self(status: 422, code: "ErrorAddonNotSelected", description: description)
    }

    static func invalidPromoCode(_ code: String) -> Self {
        Self(status: 422, code: "ErrorInvalidPromoCode", description: "Promo code '\(code)' is invalid or expired")
    }

    static func promoNotAvailable(_ description: String) -> Self {
        Self(status: 422, code: "ErrorPromoNotAvailable", description: description)
    }

    /// Simulator policy (the reference leaves it undocumented): a submitted cart is read-only.
    static func cartSubmitted(orderNumber: String) -> Self {
        Self(
            status: 409, code: "ErrorCartSubmitted",
            description: "Cart was already submitted as order \(orderNumber)")
    }

    static func missingRequiredParameters(_ description: String) -> Self {
        Self(status: 422, code: "ErrorMissingRequiredParameters", description: description)
    }

    /// 402 is simulator policy; the reference leaves the status of a decline open.
    static func paymentDeclined(_ description: String) -> Self {
        Self(status: 402, code: "ErrorPaymentDeclined", description: description)
    }

    static func storeUnavailable(_ description: String = "The store is temporarily unavailable; try again") -> Self {
        Self(status: 503, code: "ErrorStoreUnavailable", description: description)
    }

    static func missingAuthHeader() -> Self {
        Self(status: 401, code: "MissingAuthHeader", description: "x-firmly-authorization header is required")
    }

    static func invalidToken() -> Self {
        Self(status: 401, code: "InvalidToken", description: "Jwt token is invalid.")
    }

    static func tokenExpired() -> Self {
        Self(status: 401, code: "ErrorUnauthorized", description: "Jwt token is expired.")
    }

    static func routeNotFound(_ path: String) -> Self {
        Self(status: 404, code: "RouteNotFound", description: "No route for \(path)")
    }

    static func sessionInvalidAppID() -> Self {
        Self(
            status: 400, code: "InvalidAppId", description: "Application ID is invalid or not found",
            envelope: .session)
    }

    static func sessionInvalidToken() -> Self {
        Self(status: 401, code: "InvalidToken", description: "access_token is not a valid token", envelope: .session)
    }

    static func sessionTokenTooOld() -> Self {
        Self(
            status: 401, code: "TokenExpired",
            description: "access_token expired more than 7 days ago and can no longer be renewed", envelope: .session)
    }

    static func sessionInvalidBody(_ description: String) -> Self {
        Self(status: 400, code: "ErrorInvalidInputBody", description: description, envelope: .session)
    }
}
