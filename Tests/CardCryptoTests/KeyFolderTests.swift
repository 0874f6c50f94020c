import CardCrypto
import Foundation
import Testing

@Suite struct KeyFolderTests {
    @Test func writesThenLoadsWithPrivateFileMode0600() throws {
        try withTemporaryDirectory { directory in
            let folder = directory.appending(path: "keys")
            let generated = try CardKeyStore.generate(into: folder)
            let pair = generated.current

            #expect(try posixPermissions(of: pair.privateKeyFile(in: folder)) == 0o600)
            #expect(try posixPermissions(of: folder) == 0o700)
            let jwk = try RSAPublicJWK(jsonData: Data(contentsOf: pair.publicJWKFile(in: folder)))
            #expect(jwk == pair.publicJWK)

            let loaded = try CardKeyStore.load(directory: folder)
            #expect(loaded.current.kid == pair.kid)
            #expect(loaded.current.publicJWK == pair.publicJWK)
            let token = try JWE.encrypt(plaintext: [7], to: jwk)
            #expect(try loaded.decrypt(token).plaintext == [7])
        }
    }

    @Test func loadsEveryKeyAndPicksNewestAsCurrent() throws {
        try withTemporaryDirectory { directory in
            let fixture = try fixtureKeyPair()
            let older = try CardKeyPair(kid: CardKeyPair.newKeyID(now: utcDate(2025, 3, 1)), pkcs8PEM: fixture.pkcs8PEM)
            let newer = try CardKeyPair.generate(kid: CardKeyPair.newKeyID(now: utcDate(2026, 3, 1)))
            try older.write(to: directory)
            try newer.write(to: directory)
            let store = try CardKeyStore.load(directory: directory)
            #expect(Set(store.keyPairs.keys) == [older.kid, newer.kid])
            #expect(store.current.kid == newer.kid)
            #expect(try store.decrypt(JWE.encrypt(plaintext: [1], to: older.publicJWK)).kid == older.kid)
        }
    }

    @Test func invalidKeyFileIsNamedInTheError() throws {
        try withTemporaryDirectory { directory in
            try fixtureKeyPair().write(to: directory)
            let bogus = directory.appending(path: "bogus.private.pem")
            try Data("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n".utf8).write(to: bogus)
            let error = try #require(throws: CardKeyError.self) { try CardKeyStore.load(directory: directory) }
            #expect(error == .invalidKeyFile(path: bogus.path(percentEncoded: false), reason: .invalidPEM))
            #expect(error.description.contains("bogus.private.pem"))
        }
    }

    @Test func emptyOrMissingFolderIsATypedError() throws {
        try withTemporaryDirectory { directory in
            let path = directory.path(percentEncoded: false)
            #expect(throws: CardKeyError.keyFolderMissing(path: path)) { try CardKeyStore.load(directory: directory) }
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data("unrelated".utf8).write(to: directory.appending(path: "README"))
            #expect(throws: CardKeyError.keyFolderEmpty(path: path)) { try CardKeyStore.load(directory: directory) }
        }
    }

    @Test func loadOrGenerateCreatesOneKeyThenReusesIt() throws {
        try withTemporaryDirectory { directory in
            let first = try CardKeyStore.loadOrGenerate(directory: directory)
            let second = try CardKeyStore.loadOrGenerate(directory: directory)
            #expect(first.keyPairs.count == 1)
            #expect(second.current.kid == first.current.kid)
            #expect(second.current.publicJWK == first.current.publicJWK)
        }
    }

    @Test func neverOverwritesAnExistingKey() throws {
        try withTemporaryDirectory { directory in
            let pair = try fixtureKeyPair()
            try pair.write(to: directory)
            #expect(throws: CardKeyError.writeFailed(path: pair.privateKeyFile(in: directory).path(percentEncoded: false))) {
                try pair.write(to: directory)
            }
        }
    }
}
