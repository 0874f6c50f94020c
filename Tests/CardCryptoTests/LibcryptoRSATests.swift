#if canImport(CLibcryptoRSA)
@testable import CardCrypto
import CryptoExtras
import Foundation
import Testing

/// The RSA-OAEP-256 private operation through the system's libcrypto agrees with swift-crypto's, byte for byte,
/// and fails where it fails.
@Suite struct LibcryptoRSATests {
    static let pair: CardKeyPair = try! CardKeyPair.generate()

    @Test func bothImplementationsUnwrapTheSameKeys() throws {
        let box = Self.pair.privateKey
        let libcrypto = try #require(box.libcrypto, "libcrypto accepts swift-crypto's key")
        for _ in 0..<20 {
            let contentKey = (0..<32).map { _ in UInt8.random(in: 0...255) }
            let wrapped = Array(try box.key.publicKey.encrypt(contentKey, padding: .PKCS1_OAEP_SHA256))
            #expect(libcrypto.decryptOAEPSHA256(wrapped) == contentKey)
            #expect(try Array(box.key.decrypt(wrapped, padding: .PKCS1_OAEP_SHA256)) == contentKey)
        }
    }

    @Test func aTamperedOrMisSizedCiphertextFails() throws {
        let box = Self.pair.privateKey
        let libcrypto = try #require(box.libcrypto)
        var wrapped = Array(try box.key.publicKey.encrypt(Array(repeating: 7, count: 32), padding: .PKCS1_OAEP_SHA256))
        wrapped[100] ^= 0x01
        #expect(libcrypto.decryptOAEPSHA256(wrapped) == nil)
        #expect(libcrypto.decryptOAEPSHA256(Array(wrapped.dropLast())) == nil)
        #expect(libcrypto.decryptOAEPSHA256([]) == nil)
        // PKCS#1 v1.5 padding is another scheme: refused, not misread.
        let other = Array(try box.key.publicKey.encrypt(Array(repeating: 7, count: 32), padding: .PKCS1_OAEP))
        #expect(libcrypto.decryptOAEPSHA256(other) == nil)
    }

    @Test func aKeyLibcryptoCannotReadIsRefused() {
        #expect(LibcryptoRSAPrivateKey(der: Data([0x30, 0x03, 0x02, 0x01, 0x00])) == nil)
        #expect(LibcryptoRSAPrivateKey(der: Data()) == nil)
    }
}
#endif
