import CardCrypto
import Foundation
import Testing

@Suite struct KeyImportExportTests {
    @Test func publicJWKMatchesJoserfcExport() throws {
        let jwk = try fixtureKeyPair().publicJWK
        #expect(jwk.kty == "RSA")
        #expect(jwk.n == JoserfcFixture.publicKeyModulus)
        #expect(jwk.e == JoserfcFixture.publicKeyExponent)
        #expect(jwk.kid == JoserfcFixture.kid)
        #expect(jwk.use == "enc")
        #expect(jwk.alg == "RSA-OAEP-256")
        #expect(jwk.keySizeInBits == 2048)
    }

    @Test func importsJoserfcPEMsInBothForms() throws {
        let expected = try fixtureKeyPair().publicJWK
        #expect(try RSAPublicJWK(pem: JoserfcFixture.publicKeySPKIPEM, kid: JoserfcFixture.kid) == expected)
        #expect(try RSAPublicJWK(pem: JoserfcFixture.publicKeyPKCS1PEM, kid: JoserfcFixture.kid) == expected)
    }

    @Test func pemExportsRoundTrip() throws {
        let jwk = try fixtureKeyPair().publicJWK
        #expect(jwk.spkiPEM.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        #expect(jwk.pkcs1PEM.hasPrefix("-----BEGIN RSA PUBLIC KEY-----"))
        #expect(try RSAPublicJWK(pem: jwk.spkiPEM, kid: jwk.kid) == jwk)
        #expect(try RSAPublicJWK(pem: jwk.pkcs1PEM, kid: jwk.kid) == jwk)
    }

    @Test func jwkJSONRoundTrips() throws {
        let jwk = try fixtureKeyPair().publicJWK
        let object = try #require(try JSONSerialization.jsonObject(with: jwk.jsonData) as? [String: String])
        #expect(object == ["kty": "RSA", "n": jwk.n, "e": jwk.e, "kid": jwk.kid, "use": "enc", "alg": "RSA-OAEP-256"])
        #expect(try RSAPublicJWK(jsonData: jwk.jsonData) == jwk)
        #expect(try JSONDecoder().decode(RSAPublicJWK.self, from: JSONEncoder().encode(jwk)) == jwk)
    }

    @Test func jwkWithoutUseAndAlgIsAccepted() throws {
        let json = #"{"kty":"RSA","n":"\#(JoserfcFixture.publicKeyModulus)","e":"AQAB","kid":"mock-key-001"}"#
        let jwk = try RSAPublicJWK(jsonData: Data(json.utf8))
        #expect(jwk.use == nil)
        #expect(jwk.alg == nil)
        #expect(jwk.kid == "mock-key-001")
    }

    @Test(arguments: [
        (#"{"kty":"EC","n":"\#(JoserfcFixture.publicKeyModulus)","e":"AQAB"}"#, CardKeyError.unsupportedKeyType),
        (#"{"kty":"oct","k":"AAAA"}"#, .unsupportedKeyType),
        (#"{"kty":"RSA","n":"!!","e":"AQAB"}"#, .invalidJWK),
        (#"{"kty":"RSA","n":"\#(JoserfcFixture.publicKeyModulus)","e":"AQAB="}"#, .invalidJWK),
        (#"{"kty":"RSA","n":"\#(JoserfcFixture.publicKeyModulus)","e":""}"#, .invalidJWK),
        (#"{"kty":"RSA","e":"AQAB"}"#, .invalidJWK),
        (#"{"kty":"RSA","n":"\#(JoserfcFixture.publicKeyModulus)","e":"AQAB","use":"sig"}"#, .invalidJWK),
        (#"{"kty":"RSA","n":"\#(JoserfcFixture.publicKeyModulus)","e":"AQAB","alg":"RSA1_5"}"#, .invalidJWK),
        (#"{"keys":[]}"#, .invalidJWK),
        ("not json", .invalidJWK),
        (#"{"kty":"RSA","n":"\#(SmallKeyFixture.publicKeyModulus)","e":"\#(SmallKeyFixture.publicKeyExponent)"}"#, .keyTooSmall(bits: 1024)),
    ])
    func rejectsInvalidJWK(json: String, expected: CardKeyError) {
        #expect(throws: expected) { try RSAPublicJWK(jsonData: Data(json.utf8)) }
    }

    @Test func rejectsSmallKeysInEveryForm() {
        #expect(throws: CardKeyError.keyTooSmall(bits: 1024)) {
            try RSAPublicJWK(pem: SmallKeyFixture.publicKeySPKIPEM, kid: "small")
        }
        #expect(throws: CardKeyError.keyTooSmall(bits: 1024)) {
            try CardKeyPair(kid: "small", pkcs8PEM: SmallKeyFixture.privateKeyPEM)
        }
    }

    @Test func rejectsInvalidPEM() {
        #expect(throws: CardKeyError.invalidPEM) { try RSAPublicJWK(pem: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", kid: nil) }
        #expect(throws: CardKeyError.invalidPEM) { try CardKeyPair(kid: "k", pkcs8PEM: "not a pem") }
        #expect(throws: CardKeyError.invalidPEM) { try CardKeyPair(kid: "k", pkcs8PEM: JoserfcFixture.publicKeySPKIPEM) }
    }

    @Test func privateKeyPKCS8RoundTrips() throws {
        let pair = try fixtureKeyPair()
        #expect(pair.pkcs8PEM.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let reimported = try CardKeyPair(kid: pair.kid, pkcs8PEM: pair.pkcs8PEM)
        #expect(reimported.publicJWK == pair.publicJWK)
        let token = try JWE.encrypt(plaintext: [42], to: pair.publicJWK)
        #expect(try CardKeyStore(keyPairs: [reimported]).decrypt(token).plaintext == [42])
    }

    @Test func generatedKeyHasRequestedKeyIDAndSize() throws {
        let pair = try CardKeyPair.generate(kid: "merchant-test-1")
        #expect(pair.kid == "merchant-test-1")
        #expect(pair.publicJWK.kid == "merchant-test-1")
        #expect(pair.publicJWK.keySizeInBits == 2048)
    }

    @Test(arguments: ["", ".hidden", "../escape", "a/b", "white space", String(repeating: "k", count: 129)])
    func rejectsKeyIDsUnfitForFileNames(kid: String) {
        #expect(throws: CardKeyError.invalidKeyID) { try CardKeyPair(kid: kid, pkcs8PEM: JoserfcFixture.privateKeyPEM) }
    }
}
