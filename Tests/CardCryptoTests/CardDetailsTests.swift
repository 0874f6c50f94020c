import CardCrypto
import Foundation
import Testing

private let now = utcDate(2026, 5, 15)

private func decodeAndValidate(_ json: String, now: Date = now) throws(CardValidationError) -> CardDetails {
    let card = try CardDetails(jsonData: Data(json.utf8))
    try card.validate(now: now)
    return card
}

@Suite struct CardDetailsTests {
    struct ValidCard: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let json: String
        let brand: CardBrand
        let masked: String
        let expiry: String
    }

    static let validCards: [ValidCard] = [
        ValidCard(testDescription: "Visa", json: #"{"number":"4111111111111111","name":"John Smith","verification_value":"123","month":"08","year":"2027"}"#, brand: .visa, masked: "**** 1111", expiry: "08/2027"),
        ValidCard(testDescription: "Mastercard 5x", json: #"{"name":"Ann Example","number":"5555555555554444","verification_value":"123","month":"12","year":"2030"}"#, brand: .mastercard, masked: "**** 4444", expiry: "12/2030"),
        ValidCard(testDescription: "Mastercard 2x", json: #"{"name":"Ann Example","number":"2223003122003222","verification_value":"123","month":"1","year":"2031"}"#, brand: .mastercard, masked: "**** 3222", expiry: "01/2031"),
        ValidCard(testDescription: "Amex with 4-digit CVV", json: #"{"name":"Ann Example","number":"378282246310005","verification_value":"1234","month":"08","year":"2027"}"#, brand: .amex, masked: "**** 0005", expiry: "08/2027"),
        ValidCard(testDescription: "Discover", json: #"{"name":"Ann Example","number":"6011111111111117","verification_value":"123","month":"08","year":"2027"}"#, brand: .discover, masked: "**** 1117", expiry: "08/2027"),
        ValidCard(testDescription: "2-digit year, 1-digit month, spaced number", json: #"{"name":"Ann Example","number":"4111 1111-1111 1111","month":"8","year":"27","verification_value":"123"}"#, brand: .visa, masked: "**** 1111", expiry: "08/2027"),
        ValidCard(testDescription: "expires this month", json: #"{"name":"Ann Example","number":"4111111111111111","verification_value":"123","month":"05","year":"2026"}"#, brand: .visa, masked: "**** 1111", expiry: "05/2026"),
        ValidCard(testDescription: "unknown brand", json: #"{"name":"Ann Example","number":"9999999999999995","verification_value":"123","month":"05","year":"2026"}"#, brand: .unknown, masked: "**** 9995", expiry: "05/2026"),
    ]

    @Test(arguments: validCards)
    func acceptsValidCard(_ valid: ValidCard) throws {
        let card = try decodeAndValidate(valid.json)
        #expect(card.brand == valid.brand)
        #expect(card.maskedNumber == valid.masked)
        #expect(card.expiry == valid.expiry)
        let numberIsDigitsOnly = card.number.allSatisfy(\.isNumber)
        #expect(numberIsDigitsOnly)
    }

    @Test(arguments: [
        ("bad Luhn", #"{"name":"Ann Example","number":"4111111111111112","verification_value":"123","month":"08","year":"2027"}"#, CardValidationError.luhnFailed),
        ("expired last month", #"{"name":"Ann Example","number":"4111111111111111","verification_value":"123","month":"04","year":"2026"}"#, .expired),
        ("expired last year", #"{"name":"Ann Example","number":"4111111111111111","verification_value":"123","month":"12","year":"2025"}"#, .expired),
        ("month 13", #"{"name":"Ann Example","number":"4111111111111111","verification_value":"123","month":"13","year":"2027"}"#, .invalidExpiryMonth),
        ("month 0", #"{"name":"Ann Example","number":"4111111111111111","verification_value":"123","month":"0","year":"2027"}"#, .invalidExpiryMonth),
        ("month as a JSON number", #"{"name":"Ann Example","number":"4111111111111111","verification_value":"123","month":8,"year":"2027"}"#, .invalidField(.month)),
        ("year as a JSON number", #"{"name":"Ann Example","number":"4111111111111111","verification_value":"123","month":"08","year":2027}"#, .invalidField(.year)),
        ("CVV as a JSON number", #"{"name":"Ann Example","number":"4111111111111111","verification_value":123,"month":"08","year":"2027"}"#, .invalidField(.verificationValue)),
        ("exp_month instead of month", #"{"name":"Ann Example","number":"4111111111111111","verification_value":"123","exp_month":"08","year":"2027"}"#, .unknownField("exp_month")),
        ("an extra field", #"{"name":"Ann Example","number":"4111111111111111","verification_value":"123","month":"08","year":"2027","brand":"visa"}"#, .unknownField("brand")),
        ("a card number as a key", #"{"name":"Ann Example","number":"4111111111111111","verification_value":"123","month":"08","year":"2027","4111111111111111":"x"}"#, .unknownField(nil)),
        ("name missing", #"{"number":"4111111111111111","verification_value":"123","month":"08","year":"2027"}"#, .missingField(.name)),
        ("name blank", #"{"name":"  ","number":"4111111111111111","verification_value":"123","month":"08","year":"2027"}"#, .missingField(.name)),
        ("CVV 2 digits", #"{"name":"Ann Example","number":"4111111111111111","verification_value":"12","month":"08","year":"2027"}"#, .invalidVerificationValue),
        ("CVV 5 digits", #"{"name":"Ann Example","number":"4111111111111111","verification_value":"12345","month":"08","year":"2027"}"#, .invalidVerificationValue),
        ("Visa with 4-digit CVV", #"{"name":"Ann Example","number":"4111111111111111","verification_value":"1234","month":"08","year":"2027"}"#, .invalidVerificationValue),
        ("Amex with 3-digit CVV", #"{"name":"Ann Example","number":"378282246310005","verification_value":"123","month":"08","year":"2027"}"#, .invalidVerificationValue),
        ("CVV with letters", #"{"name":"Ann Example","number":"4111111111111111","verification_value":"12a","month":"08","year":"2027"}"#, .invalidVerificationValue),
        ("letters in number", #"{"name":"Ann Example","number":"4111abcd11111111","verification_value":"123","month":"08","year":"2027"}"#, .numberNotNumeric),
        ("number too short", #"{"name":"Ann Example","number":"42424242424","verification_value":"123","month":"08","year":"2027"}"#, .numberLength),
        ("number too long", #"{"name":"Ann Example","number":"41111111111111111111","verification_value":"123","month":"08","year":"2027"}"#, .numberLength),
        ("number missing", #"{"name":"Ann Example","verification_value":"123","month":"08","year":"2027"}"#, .missingField(.number)),
        ("CVV missing", #"{"name":"Ann Example","number":"4111111111111111","month":"08","year":"2027"}"#, .missingField(.verificationValue)),
        ("month missing", #"{"name":"Ann Example","number":"4111111111111111","verification_value":"123","year":"2027"}"#, .missingField(.month)),
        ("year missing", #"{"name":"Ann Example","number":"4111111111111111","verification_value":"123","month":"08"}"#, .missingField(.year)),
        ("number as JSON number", #"{"name":"Ann Example","number":4111111111111111,"verification_value":"123","month":"08","year":"2027"}"#, .invalidField(.number)),
        ("name as JSON number", #"{"number":"4111111111111111","name":7,"verification_value":"123","month":"08","year":"2027"}"#, .invalidField(.name)),
        ("month not digits", #"{"name":"Ann Example","number":"4111111111111111","verification_value":"123","month":"Aug","year":"2027"}"#, .invalidField(.month)),
        ("year 3 digits as string", #"{"name":"Ann Example","number":"4111111111111111","verification_value":"123","month":"08","year":"202"}"#, .invalidField(.year)),
        ("not JSON", "4111111111111111", .malformedJSON),
        ("JSON array", #"["4111111111111111"]"#, .malformedJSON),
    ])
    func rejectsInvalidCard(name: String, json: String, expected: CardValidationError) {
        #expect(throws: expected) { try decodeAndValidate(json) }
    }

    @Test func validThroughTheLastSecondOfExpiryMonthUTC() throws {
        let json = #"{"name":"Ann Example","number":"4111111111111111","verification_value":"123","month":"05","year":"2026"}"#
        _ = try decodeAndValidate(json, now: utcDate(2026, 5, 31, 23, 59, 59))
        #expect(throws: CardValidationError.expired) { try decodeAndValidate(json, now: utcDate(2026, 6, 1, 0, 0, 0)) }
    }

    @Test func encodesCanonicalForm() throws {
        let card = try CardDetails(jsonData: Data(#"{"name":"Ann Example","number":"4111-1111 1111 1111","month":"8","year":"27","verification_value":"123"}"#.utf8))
        #expect(
            String(decoding: try card.canonicalJSON(), as: UTF8.self)
                == #"{"month":"08","name":"Ann Example","number":"4111111111111111","verification_value":"123","year":"2027"}"#)
        #expect(try JSONDecoder().decode(CardDetails.self, from: JSONEncoder().encode(card)) == card)
    }

    @Test(arguments: [
        ("4111111111111111", "737", "John Smith"),
        ("378282246310005", "4321", "Ann Example"),
    ])
    func printingNeverShowsNumberOrCVV(number: String, cvv: String, name: String) throws {
        let card = CardDetails(number: number, name: name, verificationValue: cvv, month: 8, year: 2027)
        var dumped = ""
        dump(card, to: &dumped)
        var dumpedInArray = ""
        dump([card], to: &dumpedInArray)
        let printed = [String(describing: card), "\(card)", String(reflecting: card), dumped, dumpedInArray, "\([card])"]
        for text in printed {
            #expect(!text.contains(number))
            #expect(!text.contains(cvv))
            #expect(text.contains("**** \(number.suffix(4))"))
        }
        #expect(String(describing: card) == "CardDetails(**** \(number.suffix(4)), \(card.brand.rawValue), 08/2027)")
    }

    @Test func errorDescriptionsNeverShowNumberOrCVV() {
        let number = "4111111111111111"
        let cvv = "737"
        let cardErrors: [CardValidationError] =
            [.malformedJSON, .numberNotNumeric, .numberLength, .luhnFailed, .invalidExpiryMonth, .invalidExpiryYear,
             .expired, .invalidVerificationValue]
            + CardField.allCases.flatMap { [CardValidationError.missingField($0), .invalidField($0)] }
            + [.unknownField(nil), .unknownField("brand")]
        let jweErrors: [JWEError] =
            [.tooLarge, .wrongSegmentCount(4), .invalidHeader, .unsupportedAlgorithm, .unsupportedEncryption,
             .unsupportedCompression, .unsupportedCriticalHeader, .missingKeyID, .unknownKeyID, .invalidIVLength,
             .invalidTagLength, .invalidEncryptedKeyLength, .decryptionFailed, .encryptionFailed]
            + JWESegment.allCases.map(JWEError.badBase64URL)
        let descriptions =
            cardErrors.map(\.description) + jweErrors.map(\.description)
            + cardErrors.map { CardCryptoError.card($0).description } + jweErrors.map { CardCryptoError.jwe($0).description }
        for description in descriptions {
            #expect(!description.contains(number))
            #expect(!description.contains(cvv))
        }
        #expect(Set(cardErrors.map(\.code)).allSatisfy { $0.hasPrefix("card_") })
        #expect(Set(jweErrors.map(\.code)).allSatisfy { $0.hasPrefix("jwe_") })
        #expect(CardCryptoError.card(.luhnFailed).code == "card_luhn_failed")
        #expect(CardCryptoError.jwe(.badBase64URL(.ciphertext)).code == "jwe_bad_base64")
    }

    @Test func decodeErrorsDoNotEchoInput() throws {
        let inputs = [
            #"{"name":"Ann Example","number":"4111111111111111","verification_value":"737","month":"Aug","year":"2027"}"#,
            #"{"name":"Ann Example","number":"4111111111111111","verification_value":737,"month":"08","year":"2027"}"#,
            #"{"number":"4111111111111111","verification_value":"737""#,
        ]
        for input in inputs {
            let error = try #require(throws: CardValidationError.self) { try CardDetails(jsonData: Data(input.utf8)) }
            #expect(!String(describing: error).contains("4111"))
            #expect(!String(describing: error).contains("737"))
        }
    }

    @Test func decryptCardReportsValidationFailure() throws {
        let pair = try fixtureKeyPair()
        let token = try JWE.encrypt(
            plaintext: Data(#"{"name":"Ann Example","number":"4111111111111112","verification_value":"123","month":"08","year":"2027"}"#.utf8),
            to: pair.publicJWK)
        #expect(throws: CardCryptoError.card(.luhnFailed)) {
            try CardKeyStore(keyPairs: [pair]).decryptCard(token, now: now)
        }
    }
}
