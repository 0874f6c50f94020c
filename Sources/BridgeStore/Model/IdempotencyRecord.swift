import Foundation

/// One `Idempotency-Key` and what became of its request: created before any merchant is called, moved through
/// recovery points while the request runs, and holding the response once the request has finished for good.
public struct IdempotencyRecord: Sendable, Equatable {
    public var key: String
    public var cartID: String
    /// The route's name (`complete`, `payment-sessions`, …): a key belongs to one route.
    public var route: String
    /// A digest of the request (method, route, cart and body), so a key reused for another request is refused.
    public var fingerprint: String
    /// `started` until the request has a final response, then `finished`. (Databases written before
    /// version 2 also hold the completion's intermediate points, `merchant 1 requested` and the like; nothing
    /// reads them: a rerun resumes from the cart.)
    public var recoveryPoint: String
    /// The final response, replayed byte for byte to a retry; nil while the request may still run or resume.
    public var response: StoredResponse?
    public var createdAt: Date
    public var updatedAt: Date

    public static let started = "started"
    public static let finished = "finished"

    public init(
        key: String, cartID: String, route: String, fingerprint: String, recoveryPoint: String,
        response: StoredResponse? = nil, createdAt: Date, updatedAt: Date
    ) {
        self.key = key
        self.cartID = cartID
        self.route = route
        self.fingerprint = fingerprint
        self.recoveryPoint = recoveryPoint
        self.response = response
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A response as sent: status, the headers worth replaying, and the body bytes.
public struct StoredResponse: Sendable, Equatable, Codable {
    public var status: Int
    /// Name and value pairs, in order.
    public var headers: [[String]]
    public var body: Data

    public init(status: Int, headers: [[String]], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// What `insertIdempotencyRecord` found.
public enum IdempotencyInsertion: Sendable, Equatable {
    /// The key was new; the record given is stored.
    case inserted
    /// The key was already taken; this is its record, unchanged.
    case existing(IdempotencyRecord)
}
