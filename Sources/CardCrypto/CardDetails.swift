import Foundation

/// The card inside a Full Cart `encrypted_card` JWE.
///
/// `description`, `debugDescription` and the mirror (`dump`, `print`, interpolation) show only the masked form.
public struct CardDetails: Sendable, Equatable {
    /// Digits only once decoded (spaces and dashes removed); check with `validate(now:)`.
    public let number: String
    public let name: String
    public let verificationValue: String
    public let month: Int
    /// Four digits; a two-digit year `yy` is read as `20yy`.
    public let year: Int

    public init(number: String, name: String, verificationValue: String, month: Int, year: Int) {
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
    /// Full Cart's card object, strictly: `number`, `name`, `verification_value`, `month` and `year`, each a JSON
    /// string, and nothing else. Spaces and dashes in the number are dropped; `month` has one or two digits and
    /// `year` two or four.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        let known = Set(CardField.allCases.map(\.rawValue))
        if let unknown = container.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            throw CardValidationError.unknownField(Self.nameableKey(unknown))
        }
        func string(_ field: CardField) throws -> String {
            let key = AnyKey(field.rawValue)
            guard container.contains(key), !(try container.decodeNil(forKey: key)) else {
                throw CardValidationError.missingField(field)
            }
            guard let value = try? container.decode(String.self, forKey: key) else {
                throw CardValidationError.invalidField(field)
            }
            return value
        }
        func digits(_ field: CardField, counts: Set<Int>) throws -> Int {
            let text = try string(field)
            guard counts.contains(text.count), text.allSatisfy(\.isASCIIDigit), let value = Int(text) else {
                throw CardValidationError.invalidField(field)
            }
            return value
        }
        let name = try string(.name)
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw CardValidationError.missingField(.name) }
        self.init(
            number: try string(.number), name: name, verificationValue: try string(.verificationValue),
            month: try digits(.month, counts: [1, 2]),
            year: Self.fourDigitYear(try digits(.year, counts: [2, 4])))
    }

    /// The canonical form Full Cart documents: all strings, month zero-padded, four-digit year, the number as
    /// digits only. This (never the storefront's plaintext) is what a merchant receives.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(number, forKey: AnyKey(CardField.number.rawValue))
        try container.encode(name, forKey: AnyKey(CardField.name.rawValue))
        try container.encode(verificationValue, forKey: AnyKey(CardField.verificationValue.rawValue))
        try container.encode(String(format: "%02d", month), forKey: AnyKey(CardField.month.rawValue))
        try container.encode(String(format: "%04d", year), forKey: AnyKey(CardField.year.rawValue))
    }

    /// The canonical JSON bytes (sorted keys, so the same card always gives the same bytes).
    public func canonicalJSON() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// An unknown key is named only when it looks like a field name: a key could itself be card data.
    private static func nameableKey(_ key: String) -> String? {
        (1...40).contains(key.count) && key.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "_") }) ? key : nil
    }

    private static func fourDigitYear(_ year: Int) -> Int { (0...99).contains(year) ? 2000 + year : year }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
