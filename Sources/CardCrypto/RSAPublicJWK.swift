import CryptoExtras
import Foundation

/// An RSA public key as a JWK (RFC 7517), as served by a Full Cart payment host.
///
/// Decoding validates the key and parses it once; encryption reuses the parsed key.
public struct RSAPublicJWK: Codable, Sendable, Equatable {
    public let kty: String
    /// Modulus, unsigned big-endian base64url.
    public let n: String
    /// Public exponent, unsigned big-endian base64url.
    public let e: String
    public let kid: String?
    public let use: String?
    public let alg: String?
    let publicKey: RSAPublicKeyBox

    /// Imports an SPKI (`BEGIN PUBLIC KEY`) or PKCS#1 (`BEGIN RSA PUBLIC KEY`) PEM.
    public init(pem: String, kid: String?) throws(CardKeyError) {
        let key: _RSA.Encryption.PublicKey
        do {
            key = try _RSA.Encryption.PublicKey(unsafePEMRepresentation: pem)
        } catch {
            throw .invalidPEM
        }
        guard key.keySizeInBits >= RSAKeySize.minimumBits else { throw .keyTooSmall(bits: key.keySizeInBits) }
        do {
            try self.init(key: key, kid: kid)
        } catch {
            throw .invalidPEM
        }
    }

    /// Decodes a JWK from JSON, mapping every failure to a `CardKeyError`.
    public init(jsonData: Data) throws(CardKeyError) {
        do {
            self = try JSONDecoder().decode(RSAPublicJWK.self, from: jsonData)
        } catch let error as CardKeyError {
            throw error
        } catch {
            throw .invalidJWK
        }
    }

    init(key: _RSA.Encryption.PublicKey, kid: String?) throws {
        let primitives = try key.getKeyPrimitives()
        self.kty = "RSA"
        self.n = Base64URL.encode(primitives.modulus.drop { $0 == 0 })
        self.e = Base64URL.encode(primitives.publicExponent.drop { $0 == 0 })
        self.kid = kid
        self.use = "enc"
        self.alg = JWE.keyManagementAlgorithm
        self.publicKey = RSAPublicKeyBox(key: key)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kty = try container.decode(String.self, forKey: .kty)
        guard kty == "RSA" else { throw CardKeyError.unsupportedKeyType }
        let use = try container.decodeIfPresent(String.self, forKey: .use)
        let alg = try container.decodeIfPresent(String.self, forKey: .alg)
        // Missing `use`/`alg` are fine (Firmly omits `alg`); present ones must allow our use.
        guard use == nil || use == "enc", alg == nil || alg == JWE.keyManagementAlgorithm else {
            throw CardKeyError.invalidJWK
        }
        let n = try container.decode(String.self, forKey: .n)
        let e = try container.decode(String.self, forKey: .e)
        guard let modulus = try? Base64URL.decode(n).drop(while: { $0 == 0 }),
            let exponent = try? Base64URL.decode(e).drop(while: { $0 == 0 }),
            !modulus.isEmpty, !exponent.isEmpty
        else { throw CardKeyError.invalidJWK }

        let modulusBits = (modulus.count - 1) * 8 + (8 - modulus[modulus.startIndex].leadingZeroBitCount)
        guard modulusBits >= RSAKeySize.minimumBits else { throw CardKeyError.keyTooSmall(bits: modulusBits) }
        do {
            self.publicKey = RSAPublicKeyBox(key: try _RSA.Encryption.PublicKey(n: Array(modulus), e: Array(exponent)))
        } catch {
            throw CardKeyError.invalidJWK
        }
        self.kty = kty
        self.n = n
        self.e = e
        self.kid = try container.decodeIfPresent(String.self, forKey: .kid)
        self.use = use
        self.alg = alg
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kty, forKey: .kty)
        try container.encode(n, forKey: .n)
        try container.encode(e, forKey: .e)
        try container.encodeIfPresent(kid, forKey: .kid)
        try container.encodeIfPresent(use, forKey: .use)
        try container.encodeIfPresent(alg, forKey: .alg)
    }

    public static func == (lhs: RSAPublicJWK, rhs: RSAPublicJWK) -> Bool {
        lhs.kty == rhs.kty && lhs.n == rhs.n && lhs.e == rhs.e && lhs.kid == rhs.kid && lhs.use == rhs.use
            && lhs.alg == rhs.alg
    }

    /// `-----BEGIN PUBLIC KEY-----` (SubjectPublicKeyInfo).
    public var spkiPEM: String { publicKey.key.pemRepresentation }

    /// `-----BEGIN RSA PUBLIC KEY-----` (PKCS#1), Firmly's `?format=RSA`.
    public var pkcs1PEM: String { publicKey.key.pkcs1PEMRepresentation }

    public var keySizeInBits: Int { publicKey.key.keySizeInBits }

    /// JSON with sorted keys, as written to `<kid>.public.jwk.json` and printed by the CLI.
    public var jsonData: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a struct of strings cannot fail.
        return (try? encoder.encode(self)) ?? Data()
    }

    private enum CodingKeys: String, CodingKey {
        case kty, n, e, kid, use, alg
    }
}
