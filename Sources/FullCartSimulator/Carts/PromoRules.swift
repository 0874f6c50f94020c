import Foundation
import FullCartAPI

/// Promo code checks: when a code may be applied, and whether an applied code still counts.
enum PromoRules {
    /// The codes to add, canonical and in request order, or the first reason one of them is refused.
    /// Unknown and expired codes are invalid; a code the cart does not qualify for is not available.
    static func validate(
        _ codes: [String], promoCodes: [PromoCode], subTotal: Int, now: Date
    ) throws(SimulatorError) -> [String] {
        var accepted: [String] = []
        for requested in codes {
            let code = requested.trimmingCharacters(in: .whitespaces)
            guard let promo = promoCodes.first(where: { $0.code.caseInsensitiveCompare(code) == .orderedSame }),
                !promo.isExpired(at: now)
            else { throw .invalidPromoCode(code) }
            guard promo.isApplicable(toSubtotal: subTotal) else {
                throw .promoNotAvailable(
                    "Promo code '\(promo.code)' needs a subtotal of at least \(formatted(promo.minSubtotal ?? 0))")
            }
            if !accepted.contains(promo.code) { accepted.append(promo.code) }
        }
        return accepted
    }

    /// Applied codes that count now, and a notice for each one that no longer does (expired, or the cart fell
    /// below its minimum). Such a code stays in `coupons` but blocks checkout until removed or met again.
    static func evaluate(
        coupons: [String], promoCodes: [PromoCode], subTotal: Int, now: Date
    ) -> (applicable: [PromoCode], notices: [FullCartNotice]) {
        var applicable: [PromoCode] = []
        var notices: [FullCartNotice] = []
        for code in coupons {
            guard let promo = promoCodes.first(where: { $0.code == code }) else { continue }
            if promo.isExpired(at: now) {
                notices.append(FullCartNotice(code: "PROMO_EXPIRED", message: "Promo code \(code) has expired"))
            } else if !promo.isApplicable(toSubtotal: subTotal) {
                notices.append(
                    FullCartNotice(
                        code: "PROMO_NOT_APPLICABLE",
                        message: "Promo code \(code) needs a subtotal of at least \(formatted(promo.minSubtotal ?? 0))")
                )
            } else {
                applicable.append(promo)
            }
        }
        return (applicable, notices)
    }

    private static func formatted(_ cents: Int) -> String {
        "$\(cents / 100).\(String(format: "%02d", cents % 100))"
    }
}
