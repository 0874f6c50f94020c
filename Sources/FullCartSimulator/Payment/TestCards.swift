import CardCrypto

/// What the simulated payment processor does with a card. Every valid card not listed here is approved.
///
/// | Card number        | Brand      | Outcome                                               |
/// |--------------------|------------|-------------------------------------------------------|
/// | `4111111111111111` | Visa       | approved                                              |
/// | `5555555555554444` | Mastercard | approved                                              |
/// | `378282246310005`  | Amex       | approved (CVV must be 4 digits)                       |
/// | `4000000000000002` | Visa       | 402 `ErrorPaymentDeclined`: generic decline           |
/// | `4000000000009995` | Visa       | 402 `ErrorPaymentDeclined`: insufficient funds        |
/// | `4000000000000127` | Visa       | 402 `ErrorPaymentDeclined`: incorrect CVC             |
/// | `4000000000000119` | Visa       | 503 `ErrorStoreUnavailable`: processor error, no order |
///
/// Any future expiry works; a number failing Luhn, a past expiry or a malformed CVV is a 400
/// `ErrorInvalidInputBody` that never echoes the card.
enum TestCards {
    enum Outcome: Sendable, Equatable {
        case approved
        case declined(reason: String)
        case processorUnavailable
    }

    static func outcome(forNumber number: String) -> Outcome {
        switch number {
        case "4000000000000002": .declined(reason: "Your card was declined.")
        case "4000000000009995": .declined(reason: "Your card has insufficient funds.")
        case "4000000000000127": .declined(reason: "Your card's security code is incorrect.")
        case "4000000000000119": .processorUnavailable
        default: .approved
        }
    }
}

extension CardBrand {
    /// The `card_type` a payment summary shows.
    var displayName: String {
        switch self {
        case .visa: "Visa"
        case .mastercard: "Mastercard"
        case .amex: "American Express"
        case .discover: "Discover"
        case .unknown: "Card"
        }
    }
}
