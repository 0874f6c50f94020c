import Crypto
import CryptoExtras
import Foundation

/// Password hashes with scrypt (swift-crypto's `KDF.Scrypt`), self-describing so the cost can be raised later:
/// `scrypt$<log2 N>$<r>$<p>$<salt, base64>$<key, base64>`.
public struct PasswordHasher: Sendable {
    /// N = 2^15, r = 8, p = 1: about 32 MiB and a few tens of milliseconds per hash.
    public static let standard = PasswordHasher(logRounds: 15, blockSize: 8, parallelism: 1)

    let logRounds: Int
    let blockSize: Int
    let parallelism: Int

    public init(logRounds: Int, blockSize: Int, parallelism: Int) {
        self.logRounds = logRounds
        self.blockSize = blockSize
        self.parallelism = parallelism
    }

    public func hash(_ password: String) throws(CheckoutError) -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = generator.next() }
        let key = try Self.derive(password, salt: salt, logRounds: logRounds, blockSize: blockSize, parallelism: parallelism)
        return ["scrypt", "\(logRounds)", "\(blockSize)", "\(parallelism)", Data(salt).base64EncodedString(), key.base64EncodedString()]
            .joined(separator: "$")
    }

    /// Compares in constant time; an unreadable hash never matches.
    public func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard parts.count == 6, parts[0] == "scrypt", let logRounds = Int(parts[1]), (10...20).contains(logRounds),
            let blockSize = Int(parts[2]), (1...32).contains(blockSize), let parallelism = Int(parts[3]),
            (1...4).contains(parallelism), let salt = Data(base64Encoded: parts[4]), let expected = Data(base64Encoded: parts[5]),
            let key = try? Self.derive(password, salt: Array(salt), logRounds: logRounds, blockSize: blockSize, parallelism: parallelism)
        else { return false }
        return key.count == expected.count && zip(key, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func derive(_ password: String, salt: [UInt8], logRounds: Int, blockSize: Int, parallelism: Int)
        throws(CheckoutError) -> Data
    {
        do {
            let key = try KDF.Scrypt.deriveKey(
                from: Array(password.utf8), salt: salt, outputByteCount: 32, rounds: 1 << logRounds,
                blockSize: blockSize, parallelism: parallelism)
            return key.withUnsafeBytes { Data($0) }
        } catch {
            throw CheckoutError.internalFailure("The password could not be hashed", cause: "\(error)")
        }
    }
}
