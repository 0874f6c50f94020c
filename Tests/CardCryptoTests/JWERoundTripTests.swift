import CardCrypto
import Foundation
import Testing

@Suite struct JWERoundTripTests {
    @Test func decryptsTokenFromJoserfc() throws {
        let store = try CardKeyStore(keyPairs: [try fixtureKeyPair()])
        let decrypted = try store.decrypt(JoserfcFixture.token)
        #expect(decrypted.kid == JoserfcFixture.kid)
        #expect(decrypted.plaintext == Array(JoserfcFixture.plaintext.utf8))

        let (kid, card) = try store.decryptCard(JoserfcFixture.token, now: utcDate(2026, 5, 15))
        #expect(kid == JoserfcFixture.kid)
        #expect(card.maskedNumber == "**** 1111")
        #expect(card.brand == .visa)
        #expect(card.expiry == "08/2030")
        #expect(card.name == "John Smith")
    }

    @Test func encryptThenDecryptRestoresPlaintext() throws {
        let pair = try fixtureKeyPair()
        let plaintext = Array(#"{"number":"4111111111111111","verification_value":"123","month":"08","year":"2027"}"#.utf8)
        let token = try JWE.encrypt(plaintext: plaintext, to: pair.publicJWK)
        let decrypted = try CardKeyStore(keyPairs: [pair]).decrypt(token)
        #expect(decrypted.plaintext == plaintext)
        #expect(decrypted.kid == pair.kid)
    }

    @Test func encryptsWithTheDocumentedProtectedHeader() throws {
        let pair = try fixtureKeyPair()
        let token = try JWE.encrypt(plaintext: Data("x".utf8), to: pair.publicJWK)
        let header = try #require(token.split(separator: ".").first)
        #expect(try Base64URL.decode(header) == Array(#"{"alg":"RSA-OAEP-256","enc":"A256GCM","kid":"joserfc-fixture-1"}"#.utf8))
        let peeked = try JWE.peekHeader(token)
        #expect(peeked.alg == "RSA-OAEP-256")
        #expect(peeked.enc == "A256GCM")
        #expect(peeked.kid == JoserfcFixture.kid)
        let segments = token.split(separator: ".", omittingEmptySubsequences: false)
        #expect(segments.count == 5)
        #expect(try Base64URL.decode(segments[1]).count == 256)
        #expect(try Base64URL.decode(segments[2]).count == 12)
        #expect(try Base64URL.decode(segments[4]).count == 16)
    }

    @Test func encryptionIsRandomized() throws {
        let jwk = try fixtureKeyPair().publicJWK
        let plaintext = Array("same".utf8)
        #expect(try JWE.encrypt(plaintext: plaintext, to: jwk) != JWE.encrypt(plaintext: plaintext, to: jwk))
    }

    @Test func encryptingToJWKWithoutKeyIDFails() throws {
        let jwk = try RSAPublicJWK(pem: JoserfcFixture.publicKeySPKIPEM, kid: nil)
        #expect(throws: JWEError.missingKeyID) { try JWE.encrypt(plaintext: [1, 2, 3], to: jwk) }
    }

    /// A payment host's `x-firmly-kid` header names the key even when the JWK carries another kid or none.
    @Test func anExplicitKeyIDWinsOverTheJWKs() throws {
        let pair = try fixtureKeyPair()
        let withoutKid = try RSAPublicJWK(pem: JoserfcFixture.publicKeySPKIPEM, kid: nil)
        #expect(try JWE.peekHeader(JWE.encrypt(plaintext: [1], to: withoutKid, kid: "host-kid")).kid == "host-kid")
        #expect(try JWE.peekHeader(JWE.encrypt(plaintext: [1], to: pair.publicJWK, kid: "host-kid")).kid == "host-kid")
    }

    @Test func encryptsToKeyImportedFromJoserfcModulus() throws {
        let json = #"{"kty":"RSA","n":"\#(JoserfcFixture.publicKeyModulus)","e":"\#(JoserfcFixture.publicKeyExponent)","kid":"\#(JoserfcFixture.kid)","use":"enc"}"#
        let jwk = try RSAPublicJWK(jsonData: Data(json.utf8))
        let token = try JWE.encrypt(plaintext: Array("hello".utf8), to: jwk)
        #expect(try CardKeyStore(keyPairs: [try fixtureKeyPair()]).decrypt(token).plaintext == Array("hello".utf8))
    }

    @Test func olderKeysStillDecryptAndNewestIsCurrent() throws {
        let older = try CardKeyPair.generate(kid: CardKeyPair.newKeyID(now: utcDate(2025, 1, 1)))
        let newer = try CardKeyPair.generate(kid: CardKeyPair.newKeyID(now: utcDate(2026, 1, 1)))
        let store = try CardKeyStore(keyPairs: [newer, older, try fixtureKeyPair()])
        #expect(store.current.kid == newer.kid)
        #expect(store.keyPairs.count == 3)
        for pair in [older, newer] {
            let token = try JWE.encrypt(plaintext: Array(pair.kid.utf8), to: pair.publicJWK)
            let decrypted = try store.decrypt(token)
            #expect(decrypted.kid == pair.kid)
            #expect(decrypted.plaintext == Array(pair.kid.utf8))
        }
    }

    @Test func sameTimestampFallsBackToGreatestKeyID() throws {
        let pair = try fixtureKeyPair()
        let first = try CardKeyPair(kid: "cb-20260101T000000Z-0000000a", pkcs8PEM: pair.pkcs8PEM)
        let second = try CardKeyPair(kid: "cb-20260101T000000Z-0000000b", pkcs8PEM: pair.pkcs8PEM)
        #expect(try CardKeyStore(keyPairs: [second, first, pair]).current.kid == second.kid)
    }

    @Test(arguments: [RSAKeySize.bits3072])
    func largerKeysRoundTrip(size: RSAKeySize) throws {
        let pair = try CardKeyPair.generate(size: size)
        #expect(pair.publicJWK.keySizeInBits == size.rawValue)
        let token = try JWE.encrypt(plaintext: Array("card".utf8), to: pair.publicJWK)
        #expect(try CardKeyStore(keyPairs: [pair]).decrypt(token).plaintext == Array("card".utf8))
    }

    @Test func newKeyIDEncodesUTCTimeToTheMillisecondAndARandomSuffix() throws {
        let kid = CardKeyPair.newKeyID(now: utcDate(2026, 1, 2, 3, 4, 5).addingTimeInterval(0.25))
        #expect(kid.hasPrefix("cb-20260102T030405250Z-"))
        let suffix = kid.dropFirst("cb-20260102T030405250Z-".count)
        #expect(suffix.count == 8)
        #expect(suffix.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(kid != CardKeyPair.newKeyID(now: utcDate(2026, 1, 2, 3, 4, 5).addingTimeInterval(0.25)))
    }

    @Test func storeRejectsNoKeysAndDuplicateKeyIDs() throws {
        let pair = try fixtureKeyPair()
        #expect(throws: CardKeyError.noKeys) { try CardKeyStore(keyPairs: []) }
        #expect(throws: CardKeyError.duplicateKeyID(pair.kid)) { try CardKeyStore(keyPairs: [pair, pair]) }
    }

    @Test func decryptedPlaintextIsRedactedWhenPrinted() throws {
        let store = try CardKeyStore(keyPairs: [try fixtureKeyPair()])
        let decrypted = try store.decrypt(JoserfcFixture.token)
        var dumped = ""
        dump(decrypted, to: &dumped)
        for text in [String(describing: decrypted), "\(decrypted)", String(reflecting: decrypted), dumped] {
            #expect(!text.contains("4111111111111111"))
            #expect(!text.contains("verification_value"))
            #expect(text.contains("redacted"))
        }
    }
}
