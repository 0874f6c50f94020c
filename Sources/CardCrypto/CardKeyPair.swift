import CryptoExtras
import Foundation

/// Our RSA key pair for receiving card JWEs, named by its `kid`. The private key is parsed once.
public struct CardKeyPair: Sendable {
    public let kid: String
    public let publicJWK: RSAPublicJWK
    let privateKey: RSAPrivateKeyBox

    public static func generate(
        kid: String = CardKeyPair.newKeyID(), size: RSAKeySize = .bits2048
    ) throws(CardKeyError) -> CardKeyPair {
        let key: _RSA.Encryption.PrivateKey
        do {
            key = try _RSA.Encryption.PrivateKey(keySize: .init(bitCount: size.rawValue))
        } catch {
            throw .keyGenerationFailed
        }
        return try CardKeyPair(kid: kid, privateKey: key, publicKeyError: .keyGenerationFailed)
    }

    /// Imports a PKCS#8 (`BEGIN PRIVATE KEY`) PEM; PKCS#1 (`BEGIN RSA PRIVATE KEY`) is accepted too.
    public init(kid: String, pkcs8PEM: String) throws(CardKeyError) {
        let key: _RSA.Encryption.PrivateKey
        do {
            key = try _RSA.Encryption.PrivateKey(unsafePEMRepresentation: pkcs8PEM)
        } catch {
            throw .invalidPEM
        }
        try self.init(kid: kid, privateKey: key, publicKeyError: .invalidPEM)
    }

    private init(kid: String, privateKey: _RSA.Encryption.PrivateKey, publicKeyError: CardKeyError) throws(CardKeyError) {
        guard Self.isValidKeyID(kid) else { throw .invalidKeyID }
        guard privateKey.keySizeInBits >= RSAKeySize.minimumBits else {
            throw .keyTooSmall(bits: privateKey.keySizeInBits)
        }
        do {
            self.publicJWK = try RSAPublicJWK(key: privateKey.publicKey, kid: kid)
        } catch {
            throw publicKeyError
        }
        self.kid = kid
        self.privateKey = RSAPrivateKeyBox(key: privateKey)
    }

    public var pkcs8PEM: String { privateKey.key.pkcs8PEMRepresentation }

    /// `cb-<UTC yyyyMMdd'T'HHmmssSSS'Z'>-<8 random hex>`: sortable by creation time to the millisecond, unique
    /// across instances.
    public static func newKeyID(now: Date = Date()) -> String {
        "cb-\(keyIDFormat(milliseconds: true).string(from: now))-\(String(format: "%08x", UInt32.random(in: .min ... .max)))"
    }

    /// When the key was made, from a `newKeyID` kid (or one of the earlier, second-precision
    /// `cb-yyyyMMdd'T'HHmmss'Z'-hex` form); nil for other kids.
    var keyIDDate: Date? {
        let parts = kid.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "cb", parts[1].hasSuffix("Z") else { return nil }
        switch parts[1].count {
        case 19: return Self.keyIDFormat(milliseconds: true).date(from: String(parts[1]))
        case 16: return Self.keyIDFormat(milliseconds: false).date(from: String(parts[1]))
        default: return nil
        }
    }

    private static func keyIDFormat(milliseconds: Bool) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .gmt
        formatter.dateFormat = milliseconds ? "yyyyMMdd'T'HHmmssSSS'Z'" : "yyyyMMdd'T'HHmmss'Z'"
        return formatter
    }

    /// Kids become file names, so keep them to a portable, path-free alphabet.
    static func isValidKeyID(_ kid: String) -> Bool {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        return (1...128).contains(kid.count) && !kid.hasPrefix(".") && kid.allSatisfy(allowed.contains)
    }
}

extension Calendar {
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar
    }()
}
