import Foundation

/// Medusa entity ids: `<prefix>_<ULID>`, e.g. `cart_01HF8Y2V6J3T8W0Q9K2N4M5P6R`.
///
/// A cart id is a bearer secret in Medusa (whoever holds it reads and changes the cart, and can complete it with
/// the card on it), so every id carries 80 fresh bits from the system's CSPRNG.
public enum MedusaID {
    /// An id prefix without the underscore, e.g. `cart`.
    public struct Prefix: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }

        public static let cart: Self = "cart"
        public static let lineItem: Self = "item"
        public static let address: Self = "addr"
        public static let order: Self = "order"
        public static let region: Self = "reg"
        public static let shippingOption: Self = "so"
        public static let shippingMethod: Self = "sm"
        public static let paymentSession: Self = "ps"
        public static let payment: Self = "pay"
        public static let productVariant: Self = "variant"
        public static let product: Self = "prod"
        public static let customer: Self = "cus"
        public static let discount: Self = "disc"
        public static let giftCard: Self = "gift"
        public static let lineItemTaxLine: Self = "litl"
        public static let shippingMethodTaxLine: Self = "smtl"
        public static let lineItemAdjustment: Self = "lia"
        public static let moneyAmount: Self = "ma"
        public static let shippingOptionRequirement: Self = "sor"
        public static let idempotencyKey: Self = "ikey"
        public static let publishableAPIKey: Self = "pk"
        public static let salesChannel: Self = "sc"
    }

    public static func make(prefix: Prefix) -> String {
        "\(prefix.rawValue)_\(ULID.make())"
    }
}

/// ULID-shaped identifiers: a 48-bit millisecond timestamp, then 80 random bits, as 26 upper-case Crockford
/// base32 characters. Unlike the ULID spec's monotonic mode, the random part is drawn afresh for every id: ids
/// of one millisecond are not neighbours, so knowing one id says nothing about the next.
public enum ULID {
    public static func make(now: Date = Date()) -> String {
        var generator = SystemRandomNumberGenerator()
        return encode(
            milliseconds: UInt64(max(0, now.timeIntervalSince1970 * 1000)),
            randomHigh: generator.next(), randomLow: generator.next())
    }

    /// The time and random parts of an id made by `make`, for tests and diagnostics; nil for anything else.
    public static func parts(_ ulid: some StringProtocol) -> (milliseconds: UInt64, randomHigh: UInt16, randomLow: UInt64)? {
        let values = ulid.utf8.map { reverse[$0] }
        guard values.count == 26, !values.contains(nil) else { return nil }
        var time: UInt64 = 0
        for value in values[0..<10] { time = time << 5 | UInt64(value!) }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for value in values[10...] {
            // Shift the 80-bit (high:16, low:64) number left by five and add the next quintet.
            high = (high << 5 | low >> 59) & 0xFFFF
            low = low << 5 | UInt64(value!)
        }
        return (time, UInt16(high), low)
    }

    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    private static let reverse: [UInt8: UInt8] = Dictionary(
        uniqueKeysWithValues: alphabet.enumerated().map { ($0.element, UInt8($0.offset)) })

    private static func encode(milliseconds: UInt64, randomHigh: UInt16, randomLow: UInt64) -> String {
        var characters = [UInt8](repeating: 0, count: 26)
        for index in 0..<10 {
            characters[index] = alphabet[Int((milliseconds >> UInt64(45 - 5 * index)) & 0x1F)]
        }
        for index in 0..<16 {
            let shift = 75 - 5 * index
            let bits: UInt64 =
                if shift >= 64 {
                    UInt64(randomHigh) >> (shift - 64)
                } else if shift + 5 <= 64 {
                    randomLow >> shift
                } else {
                    (randomLow >> shift) | (UInt64(randomHigh) << (64 - shift))
                }
            characters[10 + index] = alphabet[Int(bits & 0x1F)]
        }
        return String(decoding: characters, as: UTF8.self)
    }
}
