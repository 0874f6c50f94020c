import ArgumentParser
import CardCrypto
import Foundation

/// `cartbridge jwe`: encrypt and inspect card JWEs, for tests and operators. Never prints a card number or CVV.
struct JWECommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jwe",
        abstract: "Encrypt to a public JWK, or decrypt and check a card JWE with the key folder.",
        subcommands: [Encrypt.self, Inspect.self])

    struct Encrypt: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Encrypt stdin to a public JWK and print the compact JWE (RSA-OAEP-256, A256GCM).")

        @Option(help: "Path to the recipient's public JWK (must carry a kid).")
        var jwk: String

        func run() throws {
            try reportingCodedErrors {
                let recipient = try RSAPublicJWK(jsonData: Data(contentsOf: URL(filePath: jwk)))
                print(try JWE.encrypt(plaintext: FileHandle.standardInput.readDataToEndOfFile(), to: recipient))
            }
        }
    }

    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decrypt a card JWE from stdin, validate the card and print a masked JSON summary.")

        @Option(help: "Key folder holding <kid>.private.pem files.")
        var keys = ".cartbridge/keys"

        func run() throws {
            try reportingCodedErrors {
                let store = try CardKeyStore.load(directory: URL(filePath: keys, directoryHint: .isDirectory)).store
                let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                let decrypted = try store.decrypt(input.trimmingCharacters(in: .whitespacesAndNewlines))
                let card = try CardDetails(jsonData: decrypted.plaintext)
                try card.validate(now: Date())
                let summary = Summary(
                    kid: decrypted.kid, card: card.maskedNumber, brand: card.brand.rawValue, expiry: card.expiry,
                    plaintextSHA256: decrypted.plaintextSHA256Hex)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(summary), as: UTF8.self))
            }
        }

        private struct Summary: Encodable {
            let kid: String
            let card: String
            let brand: String
            let expiry: String
            let plaintextSHA256: String

            enum CodingKeys: String, CodingKey {
                case kid, card, brand, expiry
                case plaintextSHA256 = "plaintext_sha256"
            }
        }
    }
}

/// Errors that carry a stable machine code worth showing to scripts.
private protocol CodedError: Error, CustomStringConvertible {
    var code: String { get }
}

extension JWEError: CodedError {}
extension CardValidationError: CodedError {}
extension CardKeyError: CodedError {}

/// Prints `error: <code>: <description>` to stderr and exits 1, so scripts can match the code.
private func reportingCodedErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as any CodedError {
        FileHandle.standardError.write(Data("error: \(error.code): \(error.description)\n".utf8))
        throw ExitCode.failure
    }
}
