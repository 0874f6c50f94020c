import Foundation

/// Either half of turning an `encrypted_card` into a usable card.
public enum CardCryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    case jwe(JWEError)
    case card(CardValidationError)

    /// The wrapped error's stable code, e.g. `jwe_bad_base64` or `card_luhn_failed`.
    public var code: String {
        switch self {
        case .jwe(let error): error.code
        case .card(let error): error.code
        }
    }

    public var description: String {
        switch self {
        case .jwe(let error): error.description
        case .card(let error): error.description
        }
    }
}

extension CardKeyStore {
    /// Decrypts, decodes and validates an `encrypted_card`.
    public func decryptCard(_ compact: String, now: Date) throws(CardCryptoError) -> (kid: String, card: CardDetails) {
        let decrypted: DecryptedJWE
        do {
            decrypted = try decrypt(compact)
        } catch {
            throw .jwe(error)
        }
        do {
            let card = try CardDetails(jsonData: decrypted.plaintext)
            try card.validate(now: now)
            return (decrypted.kid, card)
        } catch {
            throw .card(error)
        }
    }
}
