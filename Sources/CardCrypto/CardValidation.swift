import Foundation

public enum CardField: String, Sendable, CaseIterable {
    case number, name, month, year
    case verificationValue = "verification_value"
}

/// Why a card was refused. Descriptions name the field but never contain the card number, CVV or their digits.
public enum CardValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformedJSON
    case missingField(CardField)
    /// Not a string, or a string of the wrong shape.
    case invalidField(CardField)
    /// A field Full Cart's card object does not have; its name when it looks like one (never a value).
    case unknownField(String?)
    case numberNotNumeric
    case numberLength
    case luhnFailed
    case invalidExpiryMonth
    case invalidExpiryYear
    case expired
    case invalidVerificationValue

    /// Short stable identifier for logs and HTTP error mapping.
    public var code: String {
        switch self {
        case .malformedJSON: "card_malformed_json"
        case .missingField: "card_missing_field"
        case .invalidField: "card_invalid_field"
        case .unknownField: "card_unknown_field"
        case .numberNotNumeric: "card_number_not_numeric"
        case .numberLength: "card_number_length"
        case .luhnFailed: "card_luhn_failed"
        case .invalidExpiryMonth: "card_invalid_month"
        case .invalidExpiryYear: "card_invalid_year"
        case .expired: "card_expired"
        case .invalidVerificationValue: "card_invalid_cvv"
        }
    }

    public var description: String {
        switch self {
        case .malformedJSON: "card data is not a JSON object"
        case .missingField(let field): "card field \(field.rawValue) is missing"
        case .invalidField(let field): "card field \(field.rawValue) must be a string of the right format"
        case .unknownField(let name?): "card field \(name) is not allowed (number, name, verification_value, month, year)"
        case .unknownField(nil): "the card has a field that is not allowed (number, name, verification_value, month, year)"
        case .numberNotNumeric: "card number must contain only digits"
        case .numberLength: "card number must have 12 to 19 digits"
        case .luhnFailed: "card number fails the Luhn check"
        case .invalidExpiryMonth: "card expiry month must be 1 to 12"
        case .invalidExpiryYear: "card expiry year must have four digits"
        case .expired: "card is expired"
        case .invalidVerificationValue: "card verification_value must be 3 digits (4 for American Express)"
        }
    }
}

extension CardDetails {
    /// A card is valid through the last day of its expiry month, in UTC.
    public func validate(now: Date) throws(CardValidationError) {
        guard number.allSatisfy(\.isASCIIDigit) else { throw .numberNotNumeric }
        guard (12...19).contains(number.count) else { throw .numberLength }
        guard Self.passesLuhn(number) else { throw .luhnFailed }
        guard (1...12).contains(month) else { throw .invalidExpiryMonth }
        guard (1000...9999).contains(year) else { throw .invalidExpiryYear }
        let today = Calendar.utc.dateComponents([.year, .month], from: now)
        guard (year, month) >= (today.year ?? .max, today.month ?? .max) else { throw .expired }
        let verificationDigits = brand == .amex ? 4 : 3
        guard verificationValue.count == verificationDigits, verificationValue.allSatisfy(\.isASCIIDigit) else {
            throw .invalidVerificationValue
        }
    }

    private static func passesLuhn(_ digits: String) -> Bool {
        let sum = digits.reversed().enumerated().reduce(0) { sum, element in
            let digit = Int(element.element.asciiValue ?? 0) - Int(UInt8(ascii: "0"))
            let weighted = element.offset.isMultiple(of: 2) ? digit : digit * 2
            return sum + (weighted > 9 ? weighted - 9 : weighted)
        }
        return sum.isMultiple(of: 10)
    }
}
