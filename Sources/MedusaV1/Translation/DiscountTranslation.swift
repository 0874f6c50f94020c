import Bridge
import Foundation
import FullCartAPI
import MedusaAPI

/// The cart's discount codes (`discounts: [{code}]`) → Medusa `Discount`s, one per code that at least one
/// merchant accepted (lists it in `coupons`).
///
/// Full Cart reports neither a code's rule nor its share of `cart_discount`, so every discount is shown as a
/// `fixed` rule with `allocation: total` whose `value` is the amount attributed to it: each merchant's
/// `cart_discount` split evenly over the codes it accepted (the remainder to the first). The figure is
/// informational; `discount_total` is the merchants' sum and is exact.
enum DiscountTranslation {
    static func discounts(codes: [String], merchantCarts: [(domain: String, cart: FullCartCart)], createdAt: Date)
        -> [Discount]
    {
        let uniqueCodes = codes.reduce(into: [String]()) { unique, code in
            if !unique.contains(where: { $0.caseInsensitiveCompare(code) == .orderedSame }) { unique.append(code) }
        }
        var amounts: [String: Int] = [:]
        var domains: [String: [String]] = [:]
        for (domain, cart) in merchantCarts {
            let accepted = uniqueCodes.filter { code in
                cart.coupons.contains { $0.caseInsensitiveCompare(code) == .orderedSame }
            }
            let amount = MoneyTranslation.minorUnits(cart.cartDiscount)
            for (index, code) in accepted.enumerated() {
                amounts[code, default: 0] += amount / accepted.count + (index == 0 ? amount % accepted.count : 0)
                domains[code, default: []].append(domain)
            }
        }
        return uniqueCodes.compactMap { code in
            guard let amount = amounts[code], let accepting = domains[code] else { return nil }
            let rule = DiscountRule(
                id: StableID.discountRule(code: code).id, type: .fixed,
                description: "Applied by \(accepting.joined(separator: ", "))", value: amount, allocation: .total,
                createdAt: createdAt)
            return Discount(
                id: StableID.discount(code: code).id, code: code, rule: rule, startsAt: createdAt,
                metadata: ["cartbridge": ["domains": .array(accepting.map(JSONValue.string))]],
                createdAt: createdAt)
        }
    }
}
