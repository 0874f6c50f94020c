// The HTTP edge builds and sends stored responses without depending on the store module.
@_exported import struct BridgeStore.StoredResponse
import Foundation

/// A request under an `Idempotency-Key`. A key belongs to one cart, route and request fingerprint.
public struct IdempotentRequest: Sendable, Equatable {
    public var key: String
    public var cartID: String
    /// The route's name; aliases (`complete-cart`) share their route's name.
    public var route: String
    /// What identifies the request beyond its route and cart (method and body digest).
    public var fingerprint: String

    public init(key: String, cartID: String, route: String, fingerprint: String) {
        self.key = key
        self.cartID = cartID
        self.route = route
        self.fingerprint = fingerprint
    }
}

/// What the work of an idempotent request produced, encoded as it goes on the wire.
public struct IdempotentResponse: Sendable, Equatable {
    public var response: StoredResponse
    /// A final response is stored and replayed to every retry; another (a completion that needs more) lets a
    /// retry run again from the last recovery point.
    public var isFinal: Bool

    public init(response: StoredResponse, isFinal: Bool) {
        self.response = response
        self.isFinal = isFinal
    }
}

/// The answer to send, and whether it is a replay of a stored one.
public struct IdempotentReply: Sendable, Equatable {
    public var response: StoredResponse
    public var isReplay: Bool

    public init(response: StoredResponse, isReplay: Bool) {
        self.response = response
        self.isReplay = isReplay
    }
}

extension StorefrontAPI {
    /// Without a store to keep records in (test doubles), the work just runs.
    public func idempotent(
        _ request: IdempotentRequest, _ work: @Sendable () async throws -> IdempotentResponse
    ) async throws -> IdempotentReply {
        IdempotentReply(response: try await work().response, isReplay: false)
    }
}
