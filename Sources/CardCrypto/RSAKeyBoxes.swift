import CryptoExtras
import Foundation

#if canImport(CLibcryptoRSA)
import CLibcryptoRSA
#endif

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
    #if canImport(CLibcryptoRSA)
    /// The same key in the system's libcrypto, whose private operation is the faster one here; nil if it
    /// refused the key (then swift-crypto decrypts).
    let libcrypto: LibcryptoRSAPrivateKey?
    #endif

    init(key: _RSA.Encryption.PrivateKey) {
        self.key = key
        #if canImport(CLibcryptoRSA)
        libcrypto = LibcryptoRSAPrivateKey(der: key.derRepresentation)
        #endif
    }

    var modulusByteCount: Int { (key.keySizeInBits + 7) / 8 }

    /// RSA-OAEP-256 (SHA-256, MGF1-SHA-256): the unwrapped bytes, or nil when the ciphertext does not decrypt.
    func decryptOAEPSHA256(_ ciphertext: [UInt8]) -> [UInt8]? {
        #if canImport(CLibcryptoRSA)
        if let libcrypto { return libcrypto.decryptOAEPSHA256(ciphertext) }
        #endif
        return try? Array(key.decrypt(ciphertext, padding: .PKCS1_OAEP_SHA256))
    }
}

#if canImport(CLibcryptoRSA)
/// An RSA private key held by libcrypto (see `CLibcryptoRSA.h`): immutable once made, so shared between threads;
/// freed when the last reference goes.
final class LibcryptoRSAPrivateKey: @unchecked Sendable {
    private let handle: OpaquePointer
    private let size: Int

    /// `der`: PKCS#1 or PKCS#8. nil when libcrypto refuses it.
    init?(der: Data) {
        let parsed = der.withUnsafeBytes { bytes in
            cb_rsa_private_key_from_der(bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count)
        }
        guard let parsed else { return nil }
        handle = parsed
        size = cb_rsa_private_key_size(parsed)
    }

    deinit {
        cb_rsa_private_key_free(handle)
    }

    func decryptOAEPSHA256(_ ciphertext: [UInt8]) -> [UInt8]? {
        var output = [UInt8](repeating: 0, count: size)
        var length = 0
        let decrypted = output.withUnsafeMutableBufferPointer { out in
            cb_rsa_oaep_sha256_decrypt(handle, ciphertext, ciphertext.count, out.baseAddress, &length)
        }
        guard decrypted == 1 else { return nil }
        return Array(output.prefix(length))
    }
}
#endif
