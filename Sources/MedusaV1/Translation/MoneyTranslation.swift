import FullCartAPI

/// Full Cart money objects → Medusa integers. Both count in the currency's minor unit (`number` is the source of
/// truth on the Full Cart side), so no arithmetic happens: only an absent amount becomes 0.
///
/// Currencies are not converted: a region is expected to list merchants that sell in its currency, and Medusa's
/// `currency_code` is the lower-case ISO code.
enum MoneyTranslation {
    static func minorUnits(_ money: FullCartMoney?) -> Int {
        money?.minorUnits ?? 0
    }

    static func currencyCode(_ money: FullCartMoney) -> String {
        money.currency.lowercased()
    }
}
