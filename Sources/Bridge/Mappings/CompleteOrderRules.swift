import Foundation
import FullCartAPI

/// What a failed complete-order says about the order, from the `complete_order` column of
/// `mappings/full-cart-errors.json` (the rest of that file is the adapters' business: how each code reaches a
/// storefront). Absent means the order may have been placed, and CartBridge reads the merchant cart back.
public struct CompleteOrderRules: Sendable {
    /// A complete-order refusal that means nothing was placed.
    public enum Refusal: String, Sendable, Hashable {
        /// `not_placed`: invalid, incomplete, out of stock; nothing happened at the merchant.
        case notPlaced = "not_placed"
        /// `not_placed_check_key`: as `not_placed`, and the card may have been encrypted to a key the merchant
        /// has since rotated: fetch its key again and, if it changed, send once more.
        case notPlacedCheckKey = "not_placed_check_key"
        /// `declined`: the card was declined. Nothing was placed; the card is dropped (the shopper adds another)
        /// and the decline counts towards the cart's limit.
        case declined
    }

    public let refusals: [String: Refusal]

    public init(refusals: [String: Refusal]) {
        self.refusals = refusals
    }

    /// Only the merchant's own envelope (never a proxy's page, a timeout or an unreadable answer) with a code the
    /// table marks can say "nothing was placed"; a connection that never opened sent nothing.
    public func refusal(_ error: FullCartError) -> Refusal? {
        switch error.kind {
        case .connectionFailed: .notPlaced
        case .merchant: refusals[error.code]
        case .connectionLost, .timeout, .invalidResponse, .unrecognizedAnswer: nil
        }
    }

    public static let fileName = "full-cart-errors.json"

    public static func load(directory: URL) throws(MappingTableError) -> CompleteOrderRules {
        let file = try MappingFile.decode(FileFormat.self, named: fileName, in: directory)
        guard file.fallback.completeOrder == nil else {
            throw MappingTableError(
                file: fileName, entry: "default",
                reason: "complete_order cannot be set on the default: an unknown code may have placed the order")
        }
        var refusals: [String: Refusal] = [:]
        for (index, entry) in file.entries.enumerated() {
            guard let raw = entry.completeOrder, let code = entry.fullCartCode else { continue }
            guard let refusal = Refusal(rawValue: raw) else {
                throw MappingTableError(
                    file: fileName, entry: "[\(index)] \"\(code)\"",
                    reason: "complete_order must be \"not_placed\", \"not_placed_check_key\" or \"declined\"")
            }
            refusals[code] = refusal
        }
        return CompleteOrderRules(refusals: refusals)
    }

    /// Only the columns the core reads; the file's other columns are checked by the adapter that uses them.
    private struct FileFormat: Decodable {
        struct Entry: Decodable {
            var fullCartCode: String?
            var completeOrder: String?

            enum CodingKeys: String, CodingKey {
                case fullCartCode = "full_cart_code"
                case completeOrder = "complete_order"
            }
        }

        var fallback: Entry
        var entries: [Entry]

        enum CodingKeys: String, CodingKey {
            case fallback = "default"
            case entries
        }
    }
}
