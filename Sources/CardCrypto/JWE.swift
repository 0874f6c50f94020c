import Crypto
import CryptoExtras
import Foundation

/// Compact JWE (RFC 7516) with `RSA-OAEP-256` key wrapping and `A256GCM` content encryption, nothing else.
public enum JWE {
    public static let keyManagementAlgorithm = "RSA-OAEP-256"
    public static let contentEncryptionAlgorithm = "A256GCM"
    /// A card JWE for a 4096-bit key is about 1 KiB; anything far larger is not ours.
    public static let maximumCompactLength = 16 * 1024
    static let contentKeyByteCount = 32
    static let initializationVectorByteCount = 12
    static let authenticationTagByteCount = 16

    /// Encrypts to the JWK's key. The protected header's `kid` is `kid` when given (a payment host's
    /// `x-firmly-kid` header names the key), else the JWK's own; one of them must be there.
    public static func encrypt(plaintext: some DataProtocol, to recipient: RSAPublicJWK, kid: String? = nil)
        throws(JWEError) -> String
    {
        guard let kid = kid ?? recipient.kid else { throw .missingKeyID }
        let contentKey = SymmetricKey(size: .bits256)
        do {
            let encoder = JSONEncoder()
            // Sorted keys give exactly {"alg":…,"enc":…,"kid":…}.
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let protectedHeader = Base64URL.encode(
                try encoder.encode(["alg": keyManagementAlgorithm, "enc": contentEncryptionAlgorithm, "kid": kid]))
            let encryptedKey = try contentKey.withUnsafeBytes { keyBytes in
                try recipient.publicKey.key.encrypt(Data(keyBytes), padding: .PKCS1_OAEP_SHA256)
            }
            let sealed = try AES.GCM.seal(
                plaintext, using: contentKey, nonce: AES.GCM.Nonce(), authenticating: Array(protectedHeader.utf8))
            return [
                protectedHeader,
                Base64URL.encode(encryptedKey),
                Base64URL.encode(sealed.nonce),
                Base64URL.encode(sealed.ciphertext),
                Base64URL.encode(sealed.tag),
            ].joined(separator: ".")
        } catch {
            throw .encryptionFailed
        }
    }

    /// Checks everything that does not need a private key and returns the header, e.g. to route by `kid`.
    public static func peekHeader(_ compact: String) throws(JWEError) -> JWEHeader {
        try CompactJWE(parsing: compact).header
    }

    static func decrypt(_ token: CompactJWE, with privateKey: RSAPrivateKeyBox) throws(JWEError) -> [UInt8] {
        guard token.encryptedKey.count == privateKey.modulusByteCount else { throw .invalidEncryptedKeyLength }
        // RFC 7516 §11.5: an encrypted key that does not unwrap to a valid CEK must fail exactly like a bad tag,
        // so carry on with a random CEK instead of returning early.
        let unwrapped = privateKey.decryptOAEPSHA256(token.encryptedKey)
        let contentKey =
            if let unwrapped, unwrapped.count == contentKeyByteCount {
                SymmetricKey(data: unwrapped)
            } else {
                SymmetricKey(size: .bits256)
            }
        do {
            let sealed = try AES.GCM.SealedBox(
                nonce: AES.GCM.Nonce(data: token.initializationVector),
                ciphertext: token.ciphertext,
                tag: token.authenticationTag)
            return Array(try AES.GCM.open(sealed, using: contentKey, authenticating: token.additionalAuthenticatedData))
        } catch {
            throw .decryptionFailed
        }
    }
}

/// Plaintext recovered from a JWE. Printing, interpolating or dumping it never shows the bytes.
public struct DecryptedJWE: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The key that decrypted it.
    public let kid: String
    public let plaintext: [UInt8]

    /// Hex SHA-256 of the plaintext, for interop checks. Do not log it: card data is guessable from its hash.
    public var plaintextSHA256Hex: String {
        SHA256.hash(data: plaintext).map { String(format: "%02x", $0) }.joined()
    }

    public var description: String { "DecryptedJWE(kid: \(kid), \(plaintext.count) bytes redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["kid": kid, "plaintext": "\(plaintext.count) bytes redacted"], displayStyle: .struct)
    }
}
