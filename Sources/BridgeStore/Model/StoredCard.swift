import Foundation

/// A card as the storefront sent it: a compact JWE encrypted to our key, kept until `expiresAt`.
/// Printing or dumping a `StoredCard` never shows the JWE.
public struct StoredCard: Sendable, Equatable, CustomStringConvertible, CustomReflectable {
    public var cartID: String
    public var sessionID: String
    public var jwe: String
    /// The key the JWE is encrypted to.
    public var kid: String
    public var expiresAt: Date
    public var createdAt: Date

    public init(cartID: String, sessionID: String, jwe: String, kid: String, expiresAt: Date, createdAt: Date) {
        self.cartID = cartID
        self.sessionID = sessionID
        self.jwe = jwe
        self.kid = kid
        self.expiresAt = expiresAt
        self.createdAt = createdAt
    }

    public var description: String {
        "StoredCard(cartID: \(cartID), sessionID: \(sessionID), kid: \(kid), jwe: <\(jwe.utf8.count) bytes>, "
            + "expiresAt: \(expiresAt), createdAt: \(createdAt))"
    }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "cartID": cartID, "sessionID": sessionID, "kid": kid, "jwe": "<\(jwe.utf8.count) bytes>",
                "expiresAt": expiresAt, "createdAt": createdAt,
            ],
            displayStyle: .struct
        )
    }
}
