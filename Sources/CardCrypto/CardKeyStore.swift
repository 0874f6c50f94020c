/// Our key pairs by `kid`. `current` (the newest) is the one to publish; every key still decrypts, so tokens
/// encrypted just before a rotation keep working.
public struct CardKeyStore: Sendable {
    public let keyPairs: [String: CardKeyPair]
    public let current: CardKeyPair

    public init(keyPairs pairs: [CardKeyPair]) throws(CardKeyError) {
        var byKeyID: [String: CardKeyPair] = [:]
        for pair in pairs {
            guard byKeyID.updateValue(pair, forKey: pair.kid) == nil else { throw .duplicateKeyID(pair.kid) }
        }
        // Newest = latest creation time in the kid, then greatest kid; kids without a time are oldest.
        let made = { (pair: CardKeyPair) in pair.keyIDDate ?? .distantPast }
        guard let newest = pairs.max(by: { (made($0), $0.kid) < (made($1), $1.kid) }) else { throw .noKeys }
        self.keyPairs = byKeyID
        self.current = newest
    }

    /// Decrypts with the key the header's `kid` names.
    public func decrypt(_ compact: String) throws(JWEError) -> DecryptedJWE {
        let token = try CompactJWE(parsing: compact)
        guard let kid = token.header.kid else { throw .missingKeyID }
        guard let pair = keyPairs[kid] else { throw .unknownKeyID }
        return DecryptedJWE(kid: kid, plaintext: try JWE.decrypt(token, with: pair.privateKey))
    }
}
