import CardCrypto
import Foundation
import Testing

/// One way to break a valid token, and the error that must result.
struct MalformedToken: Sendable, CustomTestStringConvertible {
    let name: String
    let expected: JWEError
    let breaking: @Sendable ([String]) -> String

    var testDescription: String { name }

    init(_ name: String, _ expected: JWEError, _ breaking: @escaping @Sendable ([String]) -> String) {
        self.name = name
        self.expected = expected
        self.breaking = breaking
    }

    static func header(_ name: String, _ json: String, _ expected: JWEError) -> MalformedToken {
        MalformedToken(name, expected) { segments in
            ([Base64URL.encode(Array(json.utf8))] + segments.dropFirst()).joined(separator: ".")
        }
    }

    static func segment(_ name: String, _ index: Int, _ expected: JWEError, _ replacement: @escaping @Sendable (String) -> String)
        -> MalformedToken
    {
        MalformedToken(name, expected) { segments in
            var segments = segments
            segments[index] = replacement(segments[index])
            return segments.joined(separator: ".")
        }
    }

    static func bytes(_ name: String, _ index: Int, _ expected: JWEError, _ change: @escaping @Sendable ([UInt8]) -> [UInt8])
        -> MalformedToken
    {
        segment(name, index, expected) { Base64URL.encode(change((try? Base64URL.decode($0)) ?? [])) }
    }

    static let kid = JoserfcFixture.kid
    static func flipFirstBit(_ bytes: [UInt8]) -> [UInt8] { [bytes[0] ^ 0x01] + bytes.dropFirst() }

    static let all: [MalformedToken] = [
        header("alg none", #"{"alg":"none","enc":"A256GCM","kid":"\#(kid)"}"#, .unsupportedAlgorithm),
        header("alg dir", #"{"alg":"dir","enc":"A256GCM","kid":"\#(kid)"}"#, .unsupportedAlgorithm),
        header("alg RSA1_5", #"{"alg":"RSA1_5","enc":"A256GCM","kid":"\#(kid)"}"#, .unsupportedAlgorithm),
        header("alg RSA-OAEP", #"{"alg":"RSA-OAEP","enc":"A256GCM","kid":"\#(kid)"}"#, .unsupportedAlgorithm),
        header("alg lowercase", #"{"alg":"rsa-oaep-256","enc":"A256GCM","kid":"\#(kid)"}"#, .unsupportedAlgorithm),
        header("alg missing", #"{"enc":"A256GCM","kid":"\#(kid)"}"#, .unsupportedAlgorithm),
        header("enc A128GCM", #"{"alg":"RSA-OAEP-256","enc":"A128GCM","kid":"\#(kid)"}"#, .unsupportedEncryption),
        header("enc A256CBC-HS512", #"{"alg":"RSA-OAEP-256","enc":"A256CBC-HS512","kid":"\#(kid)"}"#, .unsupportedEncryption),
        header("enc missing", #"{"alg":"RSA-OAEP-256","kid":"\#(kid)"}"#, .unsupportedEncryption),
        header("zip DEF", #"{"alg":"RSA-OAEP-256","enc":"A256GCM","kid":"\#(kid)","zip":"DEF"}"#, .unsupportedCompression),
        header("crit", #"{"alg":"RSA-OAEP-256","enc":"A256GCM","kid":"\#(kid)","crit":["exp"],"exp":1}"#, .unsupportedCriticalHeader),
        header("header not JSON", "not json", .invalidHeader),
        header("header JSON array", #"["RSA-OAEP-256","A256GCM"]"#, .invalidHeader),
        header("header JSON null", "null", .invalidHeader),
        header("kid not a string", #"{"alg":"RSA-OAEP-256","enc":"A256GCM","kid":7}"#, .invalidHeader),
        header("unknown kid", #"{"alg":"RSA-OAEP-256","enc":"A256GCM","kid":"someone-else"}"#, .unknownKeyID),
        header("missing kid", #"{"alg":"RSA-OAEP-256","enc":"A256GCM"}"#, .missingKeyID),
        // Same alg/enc/kid but different bytes: the header is the AAD, so the tag no longer matches.
        header("header re-encoded", #"{"enc":"A256GCM","alg":"RSA-OAEP-256","kid":"\#(kid)"}"#, .decryptionFailed),
        MalformedToken("empty string", .wrongSegmentCount(1)) { _ in "" },
        MalformedToken("4 segments", .wrongSegmentCount(4)) { $0.dropLast().joined(separator: ".") },
        MalformedToken("6 segments", .wrongSegmentCount(6)) { ($0 + ["AAAA"]).joined(separator: ".") },
        segment("bad base64url in protected header", 0, .badBase64URL(.protectedHeader)) { "*" + $0 },
        segment("bad base64url in encrypted key", 1, .badBase64URL(.encryptedKey)) { "*" + $0 },
        segment("bad base64url in IV", 2, .badBase64URL(.initializationVector)) { "*" + $0 },
        segment("bad base64url in ciphertext", 3, .badBase64URL(.ciphertext)) { "*" + $0 },
        segment("bad base64url in tag", 4, .badBase64URL(.authenticationTag)) { "*" + $0 },
        segment("standard base64 character", 3, .badBase64URL(.ciphertext)) { "+" + $0.dropFirst() },
        segment("padded protected header", 0, .badBase64URL(.protectedHeader)) { $0 + "=" },
        segment("padded IV", 2, .badBase64URL(.initializationVector)) { $0 + "==" },
        segment("padded tag", 4, .badBase64URL(.authenticationTag)) { $0 + "==" },
        bytes("tampered ciphertext", 3, .decryptionFailed, flipFirstBit),
        bytes("tampered tag", 4, .decryptionFailed, flipFirstBit),
        bytes("tampered IV", 2, .decryptionFailed, flipFirstBit),
        bytes("tampered encrypted key", 1, .decryptionFailed, flipFirstBit),
        bytes("16-byte IV", 2, .invalidIVLength) { $0 + [0, 0, 0, 0] },
        segment("empty IV", 2, .invalidIVLength) { _ in "" },
        bytes("15-byte tag", 4, .invalidTagLength) { Array($0.dropLast()) },
        bytes("17-byte tag", 4, .invalidTagLength) { $0 + [0] },
        bytes("truncated encrypted key", 1, .invalidEncryptedKeyLength) { Array($0.dropLast()) },
        segment("empty encrypted key", 1, .invalidEncryptedKeyLength) { _ in "" },
        segment("oversized token", 3, .tooLarge) { $0 + String(repeating: "A", count: JWE.maximumCompactLength) },
    ]
}

@Suite struct JWEMalformedTests {
    @Test(arguments: MalformedToken.all)
    func rejectsMalformedToken(_ malformed: MalformedToken) throws {
        let pair = try fixtureKeyPair()
        let valid = try JWE.encrypt(plaintext: Array(JoserfcFixture.plaintext.utf8), to: pair.publicJWK)
        let token = malformed.breaking(valid.split(separator: ".", omittingEmptySubsequences: false).map(String.init))
        let store = try CardKeyStore(keyPairs: [pair])
        #expect(throws: malformed.expected) { try store.decrypt(token) }
        #expect(throws: CardCryptoError.jwe(malformed.expected)) { try store.decryptCard(token, now: utcDate(2026, 5, 15)) }
    }

    @Test func peekHeaderAppliesTheKeyIndependentChecks() {
        let segments = JoserfcFixture.token.split(separator: ".").map(String.init)
        let noneHeader = Base64URL.encode(Array(#"{"alg":"none","enc":"A256GCM"}"#.utf8))
        #expect(throws: JWEError.unsupportedAlgorithm) {
            try JWE.peekHeader(([noneHeader] + segments.dropFirst()).joined(separator: "."))
        }
        #expect(throws: JWEError.invalidTagLength) {
            try JWE.peekHeader((segments.dropLast() + ["AAAA"]).joined(separator: "."))
        }
        #expect(throws: JWEError.wrongSegmentCount(1)) { try JWE.peekHeader("") }
    }

    @Test func validTokenIsUnderTheSizeLimit() throws {
        let pair = try fixtureKeyPair()
        let token = try JWE.encrypt(plaintext: Array(JoserfcFixture.plaintext.utf8), to: pair.publicJWK)
        #expect(token.utf8.count < JWE.maximumCompactLength / 8)
    }
}
