/// The `type` of a Medusa error envelope, with the HTTP status Medusa's error handler gives it.
public enum MedusaErrorType: String, Codable, Hashable, Sendable, CaseIterable {
    case notFound = "not_found"
    case invalidData = "invalid_data"
    case notAllowed = "not_allowed"
    case unauthorized
    case paymentAuthorizationError = "payment_authorization_error"
    case duplicateError = "duplicate_error"
    case conflict
    case unexpectedState = "unexpected_state"
    case invalidArgument = "invalid_argument"
    case databaseError = "database_error"
    case unknownError = "unknown_error"

    /// The status from Medusa's `error-handler.ts`.
    public var httpStatus: Int {
        switch self {
        case .notAllowed, .invalidData: 400
        case .unauthorized: 401
        case .notFound: 404
        case .conflict: 409
        case .paymentAuthorizationError, .duplicateError: 422
        case .unexpectedState, .invalidArgument, .databaseError, .unknownError: 500
        }
    }
}

/// The optional `code` of a Medusa error envelope. Open-ended: a thrown error may carry any code.
public struct MedusaErrorCode: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByStringLiteral {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Forced by the handler on `conflict`.
    public static let invalidStateError: Self = "invalid_state_error"
    /// Forced by the handler on `duplicate_error`.
    public static let invalidRequestError: Self = "invalid_request_error"
    /// Forced by the handler on `database_error`.
    public static let apiError: Self = "api_error"
    /// The whole body of an error Medusa does not recognise.
    public static let unknownError: Self = "unknown_error"
    /// Thrown with `not_allowed` when a variant lacks stock.
    public static let insufficientInventory: Self = "insufficient_inventory"
    /// Thrown when a cart is in a state that forbids the operation.
    public static let cartIncompatibleState: Self = "cart_incompatible_state"
}
