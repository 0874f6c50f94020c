import ArgumentParser
import Bridge
import CardCrypto
import Foundation

/// `cartbridge keys`: manage the key folder that receives card JWEs. Every instance of a deployment reads the
/// same folder; a running `serve` picks up changes within `keys.rescan_seconds` or on SIGHUP.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Generate, rotate and export the RSA keys storefronts encrypt cards to.",
        subcommands: [Generate.self, Rotate.self, Export.self])

    /// The key folder and retirement rules: the configuration's (`keys:`, `payment.card_ttl_seconds`, with its
    /// `CARTBRIDGE_` variables), `--dir` winning over `keys.directory`.
    struct Folder: ParsableArguments {
        @Option(help: "Configuration file whose keys.* settings apply (default: the built-in defaults).")
        var config: String?

        @Option(help: "Key folder (created with mode 0700 if missing); default keys.directory.")
        var dir: String?

        func configuration() throws -> BridgeConfiguration {
            var configuration = try BridgeConfiguration.load(path: config, environment: ProcessInfo.processInfo.environment)
            if let dir { configuration.keys.directory = dir }
            return configuration
        }

        func url() throws -> URL { URL(filePath: try configuration().keys.directory, directoryHint: .isDirectory) }
    }

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a new key pair to the key folder; it becomes the current key.")

        @OptionGroup var folder: Folder

        @Option(help: "RSA modulus size: 2048, 3072 or 4096.")
        var bits = RSAKeySize.bits2048.rawValue

        func validate() throws {
            guard RSAKeySize(rawValue: bits) != nil else {
                throw ValidationError("--bits must be one of \(RSAKeySize.allCases.map(\.rawValue))")
            }
        }

        func run() throws {
            let url = try folder.url()
            let contents = try CardKeyStore.generate(into: url, size: RSAKeySize(rawValue: bits) ?? .bits2048)
            print("kid: \(contents.store.current.kid)")
            print("public_jwk: \(contents.store.current.publicJWKFile(in: url).path(percentEncoded: false))")
        }
    }

    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a new current key, then delete the keys that have retired.",
            discussion: """
                An older key keeps decrypting until it is older than keys.retire_after_days and its successor has \
                been out for a card's lifetime (payment.card_ttl_seconds) plus one rescan (keys.rescan_seconds), \
                so storefronts holding the previous public key, and cards already stored, keep working. The \
                newest key never retires.
                """)

        @OptionGroup var folder: Folder

        @Option(help: "RSA modulus size: 2048, 3072 or 4096.")
        var bits = RSAKeySize.bits2048.rawValue

        @Option(help: "Retire keys older than this many days (default keys.retire_after_days).")
        var retireAfterDays: Int?

        func validate() throws {
            guard RSAKeySize(rawValue: bits) != nil else {
                throw ValidationError("--bits must be one of \(RSAKeySize.allCases.map(\.rawValue))")
            }
            if let retireAfterDays, retireAfterDays < 1 {
                throw ValidationError("--retire-after-days must be at least 1")
            }
        }

        func run() throws {
            let configuration = try folder.configuration()
            let url = URL(filePath: configuration.keys.directory, directoryHint: .isDirectory)
            var retirement = configuration.keyRetirement
            if let retireAfterDays { retirement.retireAfter = .seconds(retireAfterDays * 86_400) }
            let contents = try CardKeyStore.generate(into: url, size: RSAKeySize(rawValue: bits) ?? .bits2048)
            let deleted = try CardKeyStore.pruneRetired(in: url, retirement: retirement)
            print("kid: \(contents.store.current.kid)")
            print("public_jwk: \(contents.store.current.publicJWKFile(in: url).path(percentEncoded: false))")
            print("deleted: \(deleted.isEmpty ? "none" : deleted.joined(separator: ", "))")
            print("Running instances publish the new key within keys.rescan_seconds, or at once on SIGHUP.")
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

        @OptionGroup var folder: Folder

        @Option(help: "Output format.")
        var format = Format.jwk

        func run() throws {
            let jwk = try CardKeyStore.load(directory: try folder.url()).store.current.publicJWK
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
