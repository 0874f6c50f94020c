import ArgumentParser
import CardCrypto
import Foundation

/// `cartbridge keys`: manage the key folder that receives card JWEs.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Generate and export the RSA keys storefronts encrypt cards to.",
        subcommands: [Generate.self, Export.self])

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a new key pair to the key folder; it becomes the current key.")

        @Option(help: "Key folder (created with mode 0700 if missing).")
        var dir = ".cartbridge/keys"

        @Option(help: "RSA modulus size: 2048, 3072 or 4096.")
        var bits = RSAKeySize.bits2048.rawValue

        func validate() throws {
            guard RSAKeySize(rawValue: bits) != nil else {
                throw ValidationError("--bits must be one of \(RSAKeySize.allCases.map(\.rawValue))")
            }
        }

        func run() throws {
            let folder = URL(filePath: dir, directoryHint: .isDirectory)
            let pair = try CardKeyPair.generate(size: RSAKeySize(rawValue: bits) ?? .bits2048)
            try pair.write(to: folder)
            print("kid: \(pair.kid)")
            print("public_jwk: \(pair.publicJWKFile(in: folder).path(percentEncoded: false))")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the current public key (the key id goes to stderr for PEM formats).")

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case jwk
            /// SPKI, `-----BEGIN PUBLIC KEY-----`.
            case pem
            /// PKCS#1, `-----BEGIN RSA PUBLIC KEY-----`, like Firmly's `?format=RSA`.
            case rsa
        }

        @Option(help: "Key folder.")
        var dir = ".cartbridge/keys"

        @Option(help: "Output format.")
        var format = Format.jwk

        func run() throws {
            let jwk = try CardKeyStore.load(directory: URL(filePath: dir, directoryHint: .isDirectory)).current.publicJWK
            switch format {
            case .jwk:
                print(String(decoding: jwk.jsonData, as: UTF8.self))
            case .pem, .rsa:
                FileHandle.standardError.write(Data("kid: \(jwk.kid ?? "")\n".utf8))
                print(format == .pem ? jwk.spkiPEM : jwk.pkcs1PEM)
            }
        }
    }
}
