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

    struct Folder: ParsableArguments {
        @Option(help: "Key folder (created with mode 0700 if missing).")
        var dir = BridgeConfiguration.CardKeys().directory

        var url: URL { URL(filePath: dir, directoryHint: .isDirectory) }
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
            let contents = try CardKeyStore.generate(into: folder.url, size: RSAKeySize(rawValue: bits) ?? .bits2048)
            print("kid: \(contents.store.current.kid)")
            print("public_jwk: \(contents.store.current.publicJWKFile(in: folder.url).path(percentEncoded: false))")
        }
    }

    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a new current key, then delete the keys older than the retirement age.",
            discussion: """
                Older keys keep decrypting cards encrypted to them until they reach the retirement age, so \
                storefronts holding the previous public key, and cards already stored, keep working.
                """)

        @OptionGroup var folder: Folder

        @Option(help: "RSA modulus size: 2048, 3072 or 4096.")
        var bits = RSAKeySize.bits2048.rawValue

        @Option(help: "Delete keys older than this many days (keys.retire_after_days).")
        var retireAfterDays = Int(BridgeConfiguration.CardKeys().retireAfter.components.seconds / 86_400)

        func validate() throws {
            guard RSAKeySize(rawValue: bits) != nil else {
                throw ValidationError("--bits must be one of \(RSAKeySize.allCases.map(\.rawValue))")
            }
            guard retireAfterDays >= 1 else { throw ValidationError("--retire-after-days must be at least 1") }
        }

        func run() throws {
            let contents = try CardKeyStore.generate(into: folder.url, size: RSAKeySize(rawValue: bits) ?? .bits2048)
            let deleted = try CardKeyStore.pruneRetired(in: folder.url, retireAfter: .seconds(retireAfterDays * 86_400))
            print("kid: \(contents.store.current.kid)")
            print("public_jwk: \(contents.store.current.publicJWKFile(in: folder.url).path(percentEncoded: false))")
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
            let jwk = try CardKeyStore.load(directory: folder.url).store.current.publicJWK
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
