/// Every way a Full Cart call can fail, as one type: the merchant's own error (HTTP status, Full Cart
/// error code and description), or a transport failure with a synthesised code.
public struct FullCartError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The merchant answered with an error status and its own Full Cart error envelope (`{code, error,
        /// description}` or `{error, message}`): the code is the merchant's word.
        case merchant
        /// An error status whose body is not a Full Cart error envelope: a proxy's or load balancer's page, an
        /// HTML or empty body, a redirect. Nobody at the merchant said what happened.
        case unrecognizedAnswer
        /// No connection could be made: the request was never sent.
        case connectionFailed
        /// The request was sent but no complete answer came back: it may have been carried out.
        case connectionLost
        /// The deadline passed: the request may have been carried out.
        case timeout
        /// A success status with a body that is not the expected JSON.
        case invalidResponse
    }

    public var kind: Kind
    /// HTTP status, when the merchant answered.
    public var status: Int?
    /// The Full Cart `error` code (`ErrorCartNotFound`, …), or `ConnectionFailed`, `ConnectionLost`,
    /// `Timeout`, `InvalidResponse`, `UnrecognizedAnswer` (an error page with a 5xx or 429 status),
    /// `UnexpectedAnswer` (any other status without the merchant's envelope) for failures without its own word.
    public var code: String
    public var message: String
    /// Which call failed, e.g. `POST cart/line-items`; never carries a body.
    public var endpoint: String

    public init(kind: Kind, status: Int?, code: String, message: String, endpoint: String) {
        self.kind = kind
        self.status = status
        self.code = code
        self.message = message
        self.endpoint = endpoint
    }

    /// True unless the merchant itself answered (its envelope) or nothing was sent: a change may have been
    /// made although the answer does not say so.
    public var mayHaveTakenEffect: Bool {
        switch kind {
        case .connectionLost, .timeout, .invalidResponse, .unrecognizedAnswer: true
        case .merchant, .connectionFailed: false
        }
    }

    /// A temporary condition: trying again later can succeed.
    public var isTransient: Bool {
        switch kind {
        case .connectionFailed, .connectionLost, .timeout: true
        case .invalidResponse: false
        case .unrecognizedAnswer: [429, 502, 503, 504].contains(status)
        case .merchant: status == 503 || status == 429 || Self.transientCodes.contains(code)
        }
    }

    public var isUnauthorized: Bool { kind == .merchant && status == 401 }

    /// `RouteNotFound` (not a missing cart or product): the path variant is not deployed.
    var isRouteNotFound: Bool { kind == .merchant && status == 404 && code == "RouteNotFound" }

    private static let transientCodes: Set<String> = ["ErrorStoreUnavailable", "ServiceUnavailable", "RateLimitExceeded"]

    public var description: String {
        let statusText = status.map { " \($0)" } ?? ""
        return "Full Cart \(endpoint) failed:\(statusText) \(code): \(message)"
    }
}
