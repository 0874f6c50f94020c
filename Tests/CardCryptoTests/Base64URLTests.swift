import CardCrypto
import Testing

@Suite struct Base64URLTests {
    /// RFC 4648 §10 vectors without padding, plus the two URL-safe characters.
    @Test(arguments: [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy"),
    ])
    func encodesAndDecodesRFC4648Vectors(plain: String, encoded: String) throws {
        #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
        #expect(try Base64URL.decode(encoded) == Array(plain.utf8))
    }

    @Test func usesURLSafeAlphabet() throws {
        let bytes: [UInt8] = [0xFB, 0xFF, 0xBF]
        #expect(Base64URL.encode(bytes) == "-_-_")
        #expect(try Base64URL.decode("-_-_") == bytes)
    }

    @Test(arguments: [
        ("Zg==", Base64URLError.paddingNotAllowed),
        ("Zm8=", .paddingNotAllowed),
        ("Zm9v+A", .invalidCharacter),
        ("Zm9v/A", .invalidCharacter),
        ("Zm 9v", .invalidCharacter),
        ("Zm9v!", .invalidCharacter),
        ("Z", .invalidLength),
        ("Zm9vY", .invalidLength),
    ])
    func rejectsMalformedInput(text: String, expected: Base64URLError) {
        #expect(throws: expected) { try Base64URL.decode(text) }
    }
}
