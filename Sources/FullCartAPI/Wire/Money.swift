import Foundation

/// A Full Cart money object: `{currency, value, number, symbol}`.
///
/// `number` (integer minor units) is the source of truth. Real merchants sometimes omit it and send only
/// `value` (decimal major units), so decoding derives it from `value` through `Decimal`, which keeps the
/// JSON digits exactly (no binary floating point on the way).
public struct FullCartMoney: Codable, Sendable, Hashable {
    public var currency: String
    public var minorUnits: Int
    public var symbol: String?

    public init(currency: String, minorUnits: Int, symbol: String? = nil) {
        self.currency = currency.uppercased()
        self.minorUnits = minorUnits
        self.symbol = symbol ?? CurrencyFormat.symbol(for: currency)
    }

    public static func zero(_ currency: String) -> FullCartMoney {
        FullCartMoney(currency: currency, minorUnits: 0)
    }

    /// Major units as an exact decimal, e.g. 5400 cents → 54.
    public var value: Decimal {
        Decimal(minorUnits) / CurrencyFormat.minorUnitScale(for: currency)
    }

    enum CodingKeys: String, CodingKey {
        case currency, value, number, symbol
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let currency = (try container.decodeIfPresent(String.self, forKey: .currency) ?? "USD").uppercased()
        let symbol = try container.decodeIfPresent(String.self, forKey: .symbol)
        if let number = try container.decodeIfPresent(Int.self, forKey: .number) {
            self.init(currency: currency, minorUnits: number, symbol: symbol)
            return
        }
        guard let value = try container.decodeIfPresent(Decimal.self, forKey: .value) else {
            throw DecodingError.keyNotFound(
                CodingKeys.value,
                .init(codingPath: container.codingPath, debugDescription: "money has neither number nor value"))
        }
        guard let minor = CurrencyFormat.minorUnits(fromMajor: value, currency: currency) else {
            throw DecodingError.dataCorruptedError(
                forKey: .value, in: container,
                debugDescription: "money value has more decimal places than \(currency) allows")
        }
        self.init(currency: currency, minorUnits: minor, symbol: symbol)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(currency, forKey: .currency)
        try container.encode(value, forKey: .value)
        try container.encode(minorUnits, forKey: .number)
        try container.encodeIfPresent(symbol, forKey: .symbol)
    }

    /// Saturating: amounts come from merchants, and an absurd one must not trap the process.
    public static func + (lhs: FullCartMoney, rhs: FullCartMoney) -> FullCartMoney {
        let (sum, overflow) = lhs.minorUnits.addingReportingOverflow(rhs.minorUnits)
        let saturated = overflow ? (rhs.minorUnits > 0 ? Int.max : Int.min) : sum
        return FullCartMoney(currency: lhs.currency, minorUnits: saturated, symbol: lhs.symbol)
    }

    /// Saturating, like `+`.
    public static func - (lhs: FullCartMoney, rhs: FullCartMoney) -> FullCartMoney {
        let (difference, overflow) = lhs.minorUnits.subtractingReportingOverflow(rhs.minorUnits)
        let saturated = overflow ? (rhs.minorUnits < 0 ? Int.max : Int.min) : difference
        return FullCartMoney(currency: lhs.currency, minorUnits: saturated, symbol: lhs.symbol)
    }
}

/// ISO 4217 facts needed to convert between major and minor units.
public enum CurrencyFormat {
    private static let zeroDecimal: Set<String> = [
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV",
        "XAF", "XOF", "XPF",
    ]
    private static let threeDecimal: Set<String> = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]
    private static let symbols: [String: String] = [
        "USD": "$", "CAD": "$", "AUD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "DKK": "kr", "SEK": "kr",
    ]

    public static func decimalPlaces(for currency: String) -> Int {
        let code = currency.uppercased()
        if zeroDecimal.contains(code) { return 0 }
        if threeDecimal.contains(code) { return 3 }
        return 2
    }

    public static func symbol(for currency: String) -> String? {
        symbols[currency.uppercased()]
    }

    static func minorUnitScale(for currency: String) -> Decimal {
        var scale = Decimal(1)
        for _ in 0..<decimalPlaces(for: currency) { scale *= 10 }
        return scale
    }

    /// Exact conversion; nil when the value carries sub-minor-unit digits or does not fit an `Int`.
    public static func minorUnits(fromMajor value: Decimal, currency: String) -> Int? {
        let scaled = value * minorUnitScale(for: currency)
        var rounded = Decimal()
        var input = scaled
        NSDecimalRound(&rounded, &input, 0, .plain)
        guard rounded == scaled else { return nil }
        let number = NSDecimalNumber(decimal: rounded)
        guard number.compare(NSDecimalNumber(value: Int.max)) != .orderedDescending,
            number.compare(NSDecimalNumber(value: Int.min)) != .orderedAscending
        else { return nil }
        return number.intValue
    }
}
