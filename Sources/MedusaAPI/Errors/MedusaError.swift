/// An error the HTTP layer renders as Medusa's error envelope.
///
/// `type`, `message` and `code` are what was thrown; `body` applies Medusa's handler rules on top
/// (forced codes, the conflict message, the opaque unknown error). `headers` are extra response
/// headers such as `Retry-After`.
public struct MedusaError: Error, Hashable, Sendable {
    public var type: MedusaErrorType
    public var message: String
    public var code: MedusaErrorCode?
    public var headers: [String: String]
    /// Overrides the type's status. Used for 503: a transient merchant outage keeps Medusa's
    /// `unexpected_state` type but must be a status medusa-js retries (501–599 except 500).
    public var statusOverride: Int?
    /// What went wrong underneath (a store or merchant error's own description), for the log line of a 5xx;
    /// never sent to the client and never card data.
    public var cause: String?
    /// Sent as `text/plain` (`message` alone) rather than the JSON envelope, as Express's `sendStatus` does.
    public var plainText: Bool

    public init(
        _ type: MedusaErrorType, _ message: String, code: MedusaErrorCode? = nil, headers: [String: String] = [:],
        status: Int? = nil, cause: String? = nil, plainText: Bool = false
    ) {
        self.plainText = plainText
        self.type = type
        self.message = message
        self.code = code
        self.headers = headers
        self.statusOverride = status
        self.cause = cause
    }

    public var httpStatus: Int { statusOverride ?? type.httpStatus }

    public var body: MedusaErrorBody {
        switch type {
        case .conflict:
            MedusaErrorBody(code: .invalidStateError, type: type.rawValue, message: Self.conflictMessage)
        case .duplicateError:
            MedusaErrorBody(code: .invalidRequestError, type: type.rawValue, message: message)
        case .databaseError:
            MedusaErrorBody(code: .apiError, type: type.rawValue, message: message)
        case .unknownError:
            MedusaErrorBody(code: .unknownError, type: type.rawValue, message: Self.unknownMessage)
        default:
            MedusaErrorBody(code: code, type: type.rawValue, message: message)
        }
    }

    /// The message Medusa substitutes for every conflict, inviting a retry.
    public static let conflictMessage =
        "The request conflicted with another request. You may retry the request with the provided Idempotency-Key."

    public static let unknownMessage = "An unknown error occurred."
}

extension MedusaError: CustomStringConvertible {
    public var description: String {
        "\(type.rawValue)\(code.map { " (\($0.rawValue))" } ?? ""): \(message)"
    }
}

extension MedusaError {
    public static func notFound(_ message: String) -> Self { Self(.notFound, message) }
    public static func invalidData(_ message: String) -> Self { Self(.invalidData, message) }
    public static func notAllowed(_ message: String, code: MedusaErrorCode? = nil) -> Self {
        Self(.notAllowed, message, code: code)
    }
    public static func unexpectedState(_ message: String, cause: String? = nil) -> Self {
        Self(.unexpectedState, message, cause: cause)
    }

    /// Passport's answer to a failed or missing login: a bare 401 whose body is the text `Unauthorized` (the
    /// Gatsby starter shows the body as it is).
    public static let unauthenticated = Self(.unauthorized, "Unauthorized", plainText: true)

    /// Medusa's 409 for a request that raced another one; the message is fixed by the handler.
    public static func conflict(retryAfterSeconds: Int? = nil) -> Self {
        Self(.conflict, conflictMessage, headers: retryAfterSeconds.map { ["Retry-After": String($0)] } ?? [:])
    }
}
