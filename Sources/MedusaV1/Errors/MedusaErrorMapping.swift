import Bridge
import MedusaAPI

/// The one place a core error becomes Medusa's envelope: its kind picks Medusa's type and status, a merchant's
/// Full Cart code goes through `mappings/full-cart-errors.json` (`ErrorCodeTable`), and the cause travels along
/// for the log (the error middleware logs every 5xx with it, with the request and cart ids).
public enum MedusaErrorMapping {
    public static func medusaError(for error: CheckoutError, table: ErrorCodeTable?) -> MedusaError {
        let retryAfter = error.retryAfterSeconds.map { ["Retry-After": String($0)] } ?? [:]
        switch error.kind {
        case .notFound:
            return MedusaError(.notFound, error.message, cause: error.cause)
        case .invalidData:
            return MedusaError(.invalidData, error.message, code: error.code.map(MedusaErrorCode.init(rawValue:)), cause: error.cause)
        case .notAllowed:
            return MedusaError(.notAllowed, error.message, cause: error.cause)
        case .conflict:
            return MedusaError.conflict(retryAfterSeconds: error.retryAfterSeconds)
        case .reusedKey:
            return MedusaError(.duplicateError, error.message)
        case .rateLimited:
            return MedusaError(.notAllowed, error.message, code: "rate_limited", headers: retryAfter, status: 429)
        case .merchant(let failure, let domain), .declined(let failure, let domain):
            // Only adapter-less callers (the idempotency ledger) come without a table, and they raise no merchant errors.
            return table?.translate(failure, domain: domain)
                ?? MedusaError(.unexpectedState, "The merchant \(domain) failed", cause: failure.description)
        case .orderPending, .unavailable:
            return MedusaError(.unexpectedState, error.message, headers: retryAfter, status: 503, cause: error.cause)
        case .badMerchantAnswer:
            return MedusaError(.unexpectedState, error.message, status: 502, cause: error.cause)
        case .unauthorized:
            return MedusaError.unauthenticated
        case .duplicate:
            return MedusaError(.duplicateError, error.message)
        case .invalidToken:
            return MedusaError(.unauthorized, error.message)
        case .unconfirmedChange, .storeFailure, .internalFailure:
            // A 500: medusa-js retries 409 and 501–599, and none of these may be repeated blindly.
            return MedusaError(.unexpectedState, error.message, cause: error.cause)
        }
    }
}
