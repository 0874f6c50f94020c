// The HTTP edge builds and sends stored responses without depending on the store module.
@_exported import struct BridgeStore.StoredResponse
import Crypto
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

extension IdempotentRequest {
    /// The request under `key` for `route` on `cartID`; its fingerprint digests the route and `requestBody` (the
    /// canonical bytes of the decoded body), so a key reused with another body is told apart. A key is stored
    /// and indexed: a huge or binary one is the client's mistake, not a store failure.
    public init(key: String, cartID: String, route: String, requestBody: Data) throws(CheckoutError) {
        guard key.utf8.count <= 255, !key.isEmpty, key.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) })
        else {
            throw CheckoutError.invalidData("Idempotency-Key must be 1 to 255 printable ASCII characters")
        }
        let digest = SHA256.hash(data: Data("POST \(route)\n".utf8) + requestBody)
        self.init(
            key: key, cartID: cartID, route: route, fingerprint: digest.map { String(format: "%02x", $0) }.joined())
    }
}
