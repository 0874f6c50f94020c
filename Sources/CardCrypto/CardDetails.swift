import Foundation

/// The card inside a Full Cart `encrypted_card` JWE.
///
/// `description`, `debugDescription` and the mirror (`dump`, `print`, interpolation) show only the masked form.
public struct CardDetails: Sendable, Equatable {
    /// Digits only once decoded (spaces and dashes removed); check with `validate(now:)`.
    public let number: String
    public let name: String?
    public let verificationValue: String
    public let month: Int
    /// Four digits; a two-digit year `yy` is read as `20yy`.
    public let year: Int

    public init(number: String, name: String?, verificationValue: String, month: Int, year: Int) {
        self.number = number.filter { $0 != " " && $0 != "-" }
        self.name = name
        self.verificationValue = verificationValue
        self.month = month
        self.year = year
    }

    /// Decodes the card JSON, reporting which field is missing or invalid but never its value.
    public init(jsonData: some DataProtocol) throws(CardValidationError) {
        do {
            self = try JSONDecoder().decode(CardDetails.self, from: Data(jsonData))
        } catch let error as CardValidationError {
            throw error
        } catch {
            // DecodingError messages can quote the input, so they are dropped.
            throw .malformedJSON
        }
    }

    public var brand: CardBrand { CardBrand(number: number) }

    public var lastFour: String { number.count >= 4 ? String(number.suffix(4)) : "" }

    public var maskedNumber: String { "**** \(lastFour)" }

    /// `MM/yyyy`.
    public var expiry: String { String(format: "%02d/%04d", month, year) }
}

public enum CardBrand: String, Sendable, Codable, CaseIterable {
    case visa, mastercard, amex, discover, unknown

    /// By IIN prefix: Visa 4; Mastercard 51–55, 2221–2720; Amex 34, 37; Discover 6011, 644–649, 65, 622126–622925.
    public init(number: String) {
        func prefix(_ length: Int) -> Int { number.count >= length ? Int(number.prefix(length)) ?? -1 : -1 }
        self =
            if number.hasPrefix("4") {
                .visa
            } else if (51...55).contains(prefix(2)) || (2221...2720).contains(prefix(4)) {
                .mastercard
            } else if [34, 37].contains(prefix(2)) {
                .amex
            } else if prefix(4) == 6011 || (644...649).contains(prefix(3)) || prefix(2) == 65
                || (622126...622925).contains(prefix(6))
            {
                .discover
            } else {
                .unknown
            }
    }
}

extension CardDetails: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "CardDetails(\(maskedNumber), \(brand.rawValue), \(expiry))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["number": maskedNumber, "brand": brand, "expiry": expiry], displayStyle: .struct)
    }
}

extension CardDetails: Codable {
    /// Accepts `month`/`year` or `exp_month`/`exp_year`, as strings or JSON numbers; `name` is optional.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            number: try Self.decodeString(.number, from: container, field: .number),
            name: try Self.decodeOptionalString(.name, from: container, field: .name),
            verificationValue: try Self.decodeString(.verificationValue, from: container, field: .verificationValue),
            month: try Self.decodeNumber([.month, .expMonth], from: container, field: .month, digitCounts: [1, 2]),
            year: Self.fourDigitYear(
                try Self.decodeNumber([.year, .expYear], from: container, field: .year, digitCounts: [2, 4])))
    }

    /// The canonical form Full Cart documents: all strings, month zero-padded, four-digit year.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(number, forKey: .number)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encode(verificationValue, forKey: .verificationValue)
        try container.encode(String(format: "%02d", month), forKey: .month)
        try container.encode(String(format: "%04d", year), forKey: .year)
    }

    private enum CodingKeys: String, CodingKey {
        case number, name, month, year
        case verificationValue = "verification_value"
        case expMonth = "exp_month"
        case expYear = "exp_year"
    }

    private typealias Container = KeyedDecodingContainer<CodingKeys>

    private static func decodeString(_ key: CodingKeys, from container: Container, field: CardField) throws -> String {
        guard let value = try decodeOptionalString(key, from: container, field: field) else {
            throw CardValidationError.missingField(field)
        }
        return value
    }

    private static func decodeOptionalString(_ key: CodingKeys, from container: Container, field: CardField) throws -> String? {
        guard container.contains(key), !(try container.decodeNil(forKey: key)) else { return nil }
        guard let value = try? container.decode(String.self, forKey: key) else {
            throw CardValidationError.invalidField(field)
        }
        return value
    }

    /// The first present key wins; a string must be all digits with an allowed digit count.
    private static func decodeNumber(
        _ keys: [CodingKeys], from container: Container, field: CardField, digitCounts: Set<Int>
    ) throws -> Int {
        guard let key = keys.first(where: container.contains) else { throw CardValidationError.missingField(field) }
        if let number = try? container.decode(Int.self, forKey: key) { return number }
        guard let text = try? container.decode(String.self, forKey: key),
            digitCounts.contains(text.count), text.allSatisfy(\.isASCIIDigit), let number = Int(text)
        else { throw CardValidationError.invalidField(field) }
        return number
    }

    private static func fourDigitYear(_ year: Int) -> Int { (0...99).contains(year) ? 2000 + year : year }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
