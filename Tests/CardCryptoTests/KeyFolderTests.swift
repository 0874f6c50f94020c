import CardCrypto
import Foundation
import Testing

@Suite struct KeyFolderTests {
    @Test func writesThenLoadsWithPrivateFileMode0600() throws {
        try withTemporaryDirectory { directory in
            let folder = directory.appending(path: "keys")
            let pair = try CardKeyStore.generate(into: folder).store.current

            #expect(try posixPermissions(of: pair.privateKeyFile(in: folder)) == 0o600)
            #expect(try posixPermissions(of: folder) == 0o700)
            let jwk = try RSAPublicJWK(jsonData: Data(contentsOf: pair.publicJWKFile(in: folder)))
            #expect(jwk == pair.publicJWK)

            let loaded = try CardKeyStore.load(directory: folder).store
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
            let store = try CardKeyStore.load(directory: directory, now: utcDate(2026, 4, 1)).store
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
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: bogus.path)
            let error = try #require(throws: CardKeyError.self) { try CardKeyStore.load(directory: directory) }
            #expect(error == .invalidKeyFile(path: bogus.path(percentEncoded: false), reason: .invalidPEM))
            #expect(error.description.contains("bogus.private.pem"))
        }
    }

    @Test(arguments: [0o640, 0o604, 0o660, 0o644])
    func privateKeyReadableByOthersIsRefused(mode: Int) throws {
        try withTemporaryDirectory { directory in
            let pair = try fixtureKeyPair()
            try pair.write(to: directory)
            let file = pair.privateKeyFile(in: directory)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path)
            let error = try #require(throws: CardKeyError.self) { try CardKeyStore.load(directory: directory) }
            #expect(error == .insecureKeyFile(path: file.path(percentEncoded: false), mode: mode))
            #expect(error.description.contains("chmod 600"))
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

    static let retirement = KeyRetirement(retireAfter: .seconds(90 * 86_400), supersededGrace: .seconds(3600))

    @Test func anOldKeyRetiresOnceItsSuccessorHasBeenOutForTheGrace() throws {
        try withTemporaryDirectory { directory in
            let (old, recent) = try writeKeys(madeOn: utcDate(2025, 1, 1), and: utcDate(2026, 1, 1), to: directory)
            // Its successor came out 30 minutes ago: cards under the old key may still be on their way.
            let fresh = try CardKeyStore.load(
                directory: directory, retirement: Self.retirement, now: utcDate(2026, 1, 1, 12, 30))
            #expect(Set(fresh.store.keyPairs.keys) == [old.kid, recent.kid])
            #expect(fresh.retired.isEmpty)
            let later = try CardKeyStore.load(directory: directory, retirement: Self.retirement, now: utcDate(2026, 2, 1))
            #expect(Array(later.store.keyPairs.keys) == [recent.kid])
            #expect(later.retired == [old.kid])
            #expect(!later.currentIsPastRetirement)
        }
    }

    @Test func theNewestKeyNeverRetiresButSaysItIsTimeToRotate() throws {
        try withTemporaryDirectory { directory in
            let (old, recent) = try writeKeys(madeOn: utcDate(2025, 1, 1), and: utcDate(2026, 1, 1), to: directory)
            let contents = try CardKeyStore.load(directory: directory, retirement: Self.retirement, now: utcDate(2026, 12, 1))
            #expect(contents.store.current.kid == recent.kid)
            #expect(contents.retired == [old.kid])
            #expect(contents.currentIsPastRetirement)
        }
    }

    @Test func pruneDeletesOnlyRetiredKeyFiles() throws {
        try withTemporaryDirectory { directory in
            let (old, recent) = try writeKeys(madeOn: utcDate(2025, 1, 1), and: utcDate(2026, 1, 1), to: directory)
            let deleted = try CardKeyStore.pruneRetired(in: directory, retirement: Self.retirement, now: utcDate(2026, 2, 1))
            #expect(deleted == [old.kid])
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            #expect(names == [recent.kid + ".private.pem", recent.kid + ".public.jwk.json"])
        }
    }

    @Test func loadOrGenerateCreatesOneKeyThenReusesIt() throws {
        try withTemporaryDirectory { directory in
            let first = try CardKeyStore.loadOrGenerate(directory: directory).store
            let second = try CardKeyStore.loadOrGenerate(directory: directory).store
            #expect(first.keyPairs.count == 1)
            #expect(second.current.kid == first.current.kid)
            #expect(second.current.publicJWK == first.current.publicJWK)
        }
    }

    @Test func loadOrGenerateRotatesAKeyPastItsRetirementAge() throws {
        try withTemporaryDirectory { directory in
            let old = try CardKeyPair(kid: CardKeyPair.newKeyID(now: utcDate(2020, 1, 1)), pkcs8PEM: fixtureKeyPair().pkcs8PEM)
            try old.write(to: directory)
            let contents = try CardKeyStore.loadOrGenerate(directory: directory, retirement: Self.retirement)
            #expect(contents.store.current.kid != old.kid)
            #expect(contents.generatedKid == contents.store.current.kid)
            // The old key still decrypts until its successor has been out for the grace.
            #expect(contents.store.keyPairs[old.kid] != nil)
        }
    }

    @Test func aKeyGeneratedIntoAFolderIsAlwaysTheNewestEvenWithinOneMillisecond() throws {
        try withTemporaryDirectory { directory in
            let now = utcDate(2026, 6, 1)
            var kids: [String] = []
            for _ in 0..<3 {
                let contents = try CardKeyStore.generate(into: directory, now: now)
                #expect(contents.generatedKid == contents.store.current.kid)
                kids.append(contents.store.current.kid)
            }
            #expect(Set(kids).count == 3)
            #expect(try CardKeyStore.load(directory: directory, now: now).store.current.kid == kids.last)
        }
    }

    @Test func generatingIntoAFolderWithAnExposedKeyWritesNothing() throws {
        try withTemporaryDirectory { directory in
            let pair = try fixtureKeyPair()
            try pair.write(to: directory)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: pair.privateKeyFile(in: directory).path)
            #expect(throws: CardKeyError.self) { try CardKeyStore.generate(into: directory) }
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).count == 2)
        }
    }

    @Test func secondPrecisionKidsStillOrderByTime() throws {
        try withTemporaryDirectory { directory in
            let fixture = try fixtureKeyPair()
            let older = try CardKeyPair(kid: "cb-20260101T000000Z-ffffffff", pkcs8PEM: fixture.pkcs8PEM)
            let newer = try CardKeyPair.generate(kid: CardKeyPair.newKeyID(now: utcDate(2026, 1, 1, 0, 0, 1)))
            try older.write(to: directory)
            try newer.write(to: directory)
            #expect(try CardKeyStore.load(directory: directory, now: utcDate(2026, 2, 1)).store.current.kid == newer.kid)
        }
    }

    /// Two keys whose kids say they were made on these days, written to `directory`.
    private func writeKeys(madeOn first: Date, and second: Date, to directory: URL) throws -> (CardKeyPair, CardKeyPair) {
        let older = try CardKeyPair(kid: CardKeyPair.newKeyID(now: first), pkcs8PEM: fixtureKeyPair().pkcs8PEM)
        let newer = try CardKeyPair.generate(kid: CardKeyPair.newKeyID(now: second))
        try older.write(to: directory)
        try newer.write(to: directory)
        return (older, newer)
    }

    @Test func neverOverwritesAnExistingKey() throws {
        try withTemporaryDirectory { directory in
            let pair = try fixtureKeyPair()
            try pair.write(to: directory)
            #expect(throws: CardKeyError.writeFailed(path: pair.publicJWKFile(in: directory).path(percentEncoded: false))) {
                try pair.write(to: directory)
            }
        }
    }
}

/// The keys a running server uses, reloaded from their folder.
@Suite struct CardKeyringTests {
    @Test func reloadPublishesANewKeyAndKeepsTheOldOneDecrypting() throws {
        try withTemporaryDirectory { directory in
            let first = try CardKeyPair.generate(kid: CardKeyPair.newKeyID(now: Date().addingTimeInterval(-60)))
            try first.write(to: directory)
            let ring = CardKeyring(directory: directory, retirement: KeyFolderTests.retirement)
            #expect(ring.current == nil)
            #expect(ring.reload() == .changed(currentKid: first.kid, previousKid: nil, added: [first.kid], removed: []))
            #expect(ring.reload() == .unchanged)

            let second = try CardKeyPair.generate()
            try second.write(to: directory)
            #expect(ring.reload() == .changed(currentKid: second.kid, previousKid: first.kid, added: [second.kid], removed: []))
            let store = try #require(ring.current)
            #expect(store.current.kid == second.kid)
            #expect(try store.decrypt(JWE.encrypt(plaintext: [3], to: first.publicJWK)).kid == first.kid)
        }
    }

    @Test func aBrokenFolderKeepsTheKeysInUse() throws {
        try withTemporaryDirectory { directory in
            let pair = try CardKeyPair.generate()
            try pair.write(to: directory)
            let ring = CardKeyring(directory: directory, retirement: KeyFolderTests.retirement)
            ring.reload()
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: pair.privateKeyFile(in: directory).path)
            guard case .failed(.insecureKeyFile) = ring.reload() else {
                Issue.record("an exposed key file must fail the reload")
                return
            }
            #expect(ring.current?.current.kid == pair.kid)
            #expect(ring.failure != nil)

            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: pair.privateKeyFile(in: directory).path)
            // Long past its retirement age, the only key still works; it says it is time to rotate.
            ring.reload(now: Date().addingTimeInterval(400 * 86_400))
            #expect(ring.current?.current.kid == pair.kid)
            #expect(ring.failure == nil)
            #expect(ring.currentIsPastRetirement)
        }
    }

    @Test func aCardUnderAKidNotLoadedYetReadsTheFolderAgainAtMostEveryFewSeconds() throws {
        try withTemporaryDirectory { directory in
            let first = try CardKeyPair.generate(kid: CardKeyPair.newKeyID(now: Date().addingTimeInterval(-60)))
            try first.write(to: directory)
            let ring = CardKeyring(directory: directory, retirement: KeyFolderTests.retirement)
            ring.reload()
            // Another instance rotated: the folder has a key this one has not read yet.
            let second = try CardKeyPair.generate()
            try second.write(to: directory)
            let now = ContinuousClock.now
            let (store, outcome) = ring.keys(including: second.kid, now: now)
            #expect(store?.keyPairs[second.kid] != nil)
            #expect(outcome != nil)
            // An unknown kid again, at once: no second read of the disk.
            let (_, again) = ring.keys(including: "cb-nobody", now: now + .seconds(1))
            #expect(again == nil)
            let (_, later) = ring.keys(including: "cb-nobody", now: now + CardKeyring.unknownKidReloadInterval)
            #expect(later != nil)
        }
    }
}
