import Foundation

/// Medusa entity ids: `<prefix>_<ULID>`, e.g. `cart_01HF8Y2V6J3T8W0Q9K2N4M5P6R`.
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
        "\(prefix.rawValue)_\(ULID.next())"
    }
}

/// Universally Unique Lexicographically Sortable Identifiers: a 48-bit millisecond timestamp then
/// 80 random bits, as 26 upper-case Crockford base32 characters. Ids made in the same millisecond
/// increase monotonically, so they sort in creation order.
public enum ULID {
    public static func next() -> String {
        generator.next(now: UInt64(max(0, Date().timeIntervalSince1970 * 1000)))
    }

    private static let generator = MonotonicGenerator()

    private final class MonotonicGenerator: @unchecked Sendable {
        // Guards the two fields below; NSLock keeps the target free of newer-OS-only `Mutex`.
        private let lock = NSLock()
        private var lastMilliseconds: UInt64 = 0
        private var lastRandomness = Randomness(high: 0, low: 0)

        func next(now: UInt64) -> String {
            lock.lock()
            defer { lock.unlock() }
            if now > lastMilliseconds {
                lastMilliseconds = now
                lastRandomness = .random()
            } else if let incremented = lastRandomness.incremented() {
                lastRandomness = incremented
            } else {
                // 2^80 ids in one millisecond: borrow the next millisecond rather than repeat.
                lastMilliseconds += 1
                lastRandomness = .random()
            }
            return ULID.encode(milliseconds: lastMilliseconds, randomness: lastRandomness)
        }
    }

    /// 80 bits: the top 16 in `high`, the rest in `low`.
    private struct Randomness {
        var high: UInt16
        var low: UInt64

        static func random() -> Self {
            var generator = SystemRandomNumberGenerator()
            return Self(high: generator.next(), low: generator.next())
        }

        func incremented() -> Self? {
            if low != .max { return Self(high: high, low: low + 1) }
            if high != .max { return Self(high: high + 1, low: 0) }
            return nil
        }

        /// The 5-bit group whose lowest bit is bit `shift` of the 80-bit value.
        func quintet(at shift: Int) -> Int {
            let wide = (UInt64(high), low)
            let bits: UInt64 =
                if shift >= 64 {
                    wide.0 >> (shift - 64)
                } else if shift + 5 <= 64 {
                    wide.1 >> shift
                } else {
                    (wide.1 >> shift) | (wide.0 << (64 - shift))
                }
            return Int(bits & 0x1F)
        }
    }

    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    private static func encode(milliseconds: UInt64, randomness: Randomness) -> String {
        let time = (0..<10).map { alphabet[Int((milliseconds >> UInt64(45 - 5 * $0)) & 0x1F)] }
        let random = (0..<16).map { alphabet[randomness.quintet(at: 75 - 5 * $0)] }
        return String(time + random)
    }
}
