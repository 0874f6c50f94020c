// RSA-2048 timings for scripts/bench: swift-crypto's bundled BoringSSL through CryptoExtras, and the card JWE
// path through CardCrypto (whatever backend it uses). bench.py compiles this file against the object files of
// the build that produced the binary under test, so it measures exactly that code without another package.
// Prints one JSON line; the argument is the number of operations per figure.
import CardCrypto
import CryptoExtras
import Foundation

let iterations = max(1, Int(CommandLine.arguments.dropFirst().first ?? "") ?? 1000)

/// Seconds per call of `body`, the best of three rounds (the machine is shared; the minimum is the least noisy).
func secondsPerCall(_ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<3 {
        let start = ContinuousClock.now
        for _ in 0..<iterations { try body() }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        best = min(best, seconds / Double(iterations))
    }
    return best
}

let key = try _RSA.Encryption.PrivateKey(keySize: .bits2048)
let contentKey = [UInt8](repeating: 7, count: 32)
let wrapped = try key.publicKey.encrypt(contentKey, padding: .PKCS1_OAEP_SHA256)
let boringPrivate = try secondsPerCall { _ = try key.decrypt(wrapped, padding: .PKCS1_OAEP_SHA256) }
let boringPublic = try secondsPerCall { _ = try key.publicKey.encrypt(contentKey, padding: .PKCS1_OAEP_SHA256) }

let pair = try CardKeyPair.generate()
let keys = try CardKeyStore(keyPairs: [pair])
let card = Data(#"{"number":"4111111111111111","name":"Ada Lovelace","verification_value":"123","month":"08","year":"2031"}"#.utf8)
let token = try JWE.encrypt(plaintext: card, to: pair.publicJWK)
let jweDecrypt = try secondsPerCall { _ = try keys.decrypt(token) }
let jweEncrypt = try secondsPerCall { _ = try JWE.encrypt(plaintext: card, to: pair.publicJWK) }

let result: [String: Double] = [
    "boringssl_private_s": boringPrivate, "boringssl_public_s": boringPublic,
    "jwe_decrypt_s": jweDecrypt, "jwe_encrypt_s": jweEncrypt, "iterations": Double(iterations),
]
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys]
print(String(decoding: try encoder.encode(result), as: UTF8.self))
