import CryptoExtras

/// RSA key sizes we generate. Smaller keys are refused everywhere.
public enum RSAKeySize: Int, Sendable, CaseIterable {
    case bits2048 = 2048
    case bits3072 = 3072
    case bits4096 = 4096

    static let minimumBits = 2048
}

// CryptoExtras' RSA encryption keys are not Sendable, but they wrap an immutable BoringSSL key that is safe to share.
struct RSAPublicKeyBox: @unchecked Sendable {
    let key: _RSA.Encryption.PublicKey

    var modulusByteCount: Int { (key.keySizeInBits + 7) / 8 }
}

// Same reason as RSAPublicKeyBox: immutable BoringSSL key, never mutated after init.
struct RSAPrivateKeyBox: @unchecked Sendable {
    let key: _RSA.Encryption.PrivateKey

    var modulusByteCount: Int { (key.keySizeInBits + 7) / 8 }
}
