import BridgeStore
import FullCartAPI

/// Why a checkout request failed, in the core's own terms. `kind` is what decisions and adapters read (an
/// adapter turns it into its wire's envelope and status, through `mappings/` for a merchant's code); `message`
/// is for the shopper; `cause` is for the log (store, merchant or card detail; never card data).
public struct CheckoutError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Something the request names (cart, line, option, variant, order) does not exist.
        case notFound
        /// The request itself is wrong.
        case invalidData
        /// The request is well formed but the cart's state or the store's rules forbid it.
        case notAllowed
        /// Another request holds the cart or the key: retry shortly.
        case conflict
        /// An `Idempotency-Key` reused for another cart, route or body.
        case reusedKey
        /// Too many declined payments for this cart: retry after `retryAfterSeconds`.
        case rateLimited
        /// The merchant refused or failed; its Full Cart code decides what the storefront is told.
        case merchant(FullCartError, domain: String)
        /// The merchant declined the card (complete-order, `complete_order: declined` in the error table).
        case declined(FullCartError, domain: String)
        /// An order may exist at `domain` and is being confirmed: retry with the same key, never order again.
        case orderPending(domain: String)
        /// Something CartBridge needs (its card keys) is not available now: retry after `retryAfterSeconds`.
        case unavailable
        /// The merchant answered a cart CartBridge cannot accept (bad amounts, sizes, currency).
        case badMerchantAnswer
        /// A change may have been made at the merchant but cannot be confirmed: read before retrying.
        case unconfirmedChange
        /// The store failed (its own error is the cause).
        case storeFailure
        /// Stored data that cannot be read, or a state that should not happen.
        case internalFailure
        /// No valid login (a wrong password, no session): Medusa answers a bare 401.
        case unauthorized
        /// Something unique exists already (an account for the email).
        case duplicate
        /// A password reset token that is not (or no longer) valid: Medusa's 401 in its JSON envelope.
        case invalidToken
    }

    public var kind: Kind
    public var message: String
    public var retryAfterSeconds: Int?
    public var cause: String?
    /// A stable identifier a client may act on (`unknown_card_key`: encrypt again to the session's current key),
    /// where the kind alone does not say what to do.
    public var code: String?

    public init(_ kind: Kind, _ message: String, retryAfterSeconds: Int? = nil, cause: String? = nil, code: String? = nil) {
        self.kind = kind
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
        self.cause = cause
        self.code = code
    }

    public static func notFound(_ message: String) -> Self { Self(.notFound, message) }
    public static func invalidData(_ message: String, code: String? = nil) -> Self {
        Self(.invalidData, message, code: code)
    }
    public static func notAllowed(_ message: String) -> Self { Self(.notAllowed, message) }
    public static func conflict(retryAfterSeconds: Int? = nil) -> Self {
        Self(.conflict, "The cart is being changed by another request; try again", retryAfterSeconds: retryAfterSeconds)
    }
    public static func internalFailure(_ message: String, cause: String? = nil) -> Self {
        Self(.internalFailure, message, cause: cause)
    }

    /// A merchant's failure, keeping its code for the adapter and its description as the cause.
    public static func merchant(_ error: FullCartError, domain: String) -> Self {
        Self(.merchant(error, domain: domain), error.message, cause: error.description)
    }

    /// A store failure; its own description is the cause, so a 500 still says what broke.
    public static func store(_ error: any Error) -> Self {
        if let error = error as? StoreError, error.kind == .conflict { return .conflict() }
        if error is CancellationError { return Self(.internalFailure, "The request was cancelled", cause: "cancelled") }
        return Self(.storeFailure, "The cart store is unavailable", cause: "\(error)")
    }

    /// A failure that passes: trying again later can succeed without the shopper doing anything.
    public var isTransient: Bool {
        switch kind {
        case .conflict, .orderPending, .unavailable: true
        case .merchant(let error, _): error.isTransient || error.kind != .merchant && error.kind != .invalidResponse
        default: false
        }
    }

    public var description: String {
        "\(kind): \(message)" + (cause.map { " (cause: \($0))" } ?? "")
    }
}
