/// `POST /store/carts/{id}/complete`: `{type: "order", data: Order}` once the order exists, or
/// `{type: "cart", data: Cart, payment_status}` when the payment needs more from the shopper.
public enum StoreCompleteCartRes: Codable, Hashable, Sendable {
    case order(Order)
    /// `paymentStatus` is the selected session's `requires_more` or `pending`.
    case cart(Cart, paymentStatus: PaymentSession.Status)

    private enum Kind: String, Codable {
        case order
        case cart
    }

    private enum CodingKeys: String, CodingKey {
        case type
        case data
        case paymentStatus = "payment_status"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .type) {
        case .order:
            self = .order(try container.decode(Order.self, forKey: .data))
        case .cart:
            self = .cart(
                try container.decode(Cart.self, forKey: .data),
                paymentStatus: try container.decode(PaymentSession.Status.self, forKey: .paymentStatus))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .order(let order):
            try container.encode(Kind.order, forKey: .type)
            try container.encode(order, forKey: .data)
        case .cart(let cart, let paymentStatus):
            try container.encode(Kind.cart, forKey: .type)
            try container.encode(cart, forKey: .data)
            try container.encode(paymentStatus, forKey: .paymentStatus)
        }
    }
}

extension StoreCompleteCartRes {
    /// An order is the end of a completion; a cart answer (`requires_more`) invites another attempt.
    public var isFinal: Bool {
        if case .order = self { return true }
        return false
    }
}
