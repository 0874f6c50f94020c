import Foundation
import Testing

@testable import FullCartSimulator

struct PromoRulesTests {
    static let promoCodes = TestCatalog.apparel.promoCodes
    static let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01

    @Test(arguments: [
        (["SAVE10"], 0, ["SAVE10"]),
        (["save10"], 5000, ["SAVE10"]),
        (["FREESHIP", "SAVE10"], 5000, ["FREESHIP", "SAVE10"]),
        (["SAVE10", "save10"], 5000, ["SAVE10"]),
        (["TAKE20"], 15000, ["TAKE20"]),
    ])
    func acceptsValidCodes(codes: [String], subTotal: Int, expected: [String]) throws {
        #expect(
            try PromoRules.validate(codes, promoCodes: Self.promoCodes, subTotal: subTotal, now: Self.now) == expected)
    }

    @Test(arguments: [
        (["NOPE"], 5000, "ErrorInvalidPromoCode"),
        (["SUMMER2020"], 5000, "ErrorInvalidPromoCode"),
        (["SAVE10", "NOPE"], 5000, "ErrorInvalidPromoCode"),
        (["TAKE20"], 14999, "ErrorPromoNotAvailable"),
    ])
    func refusesInvalidCodes(codes: [String], subTotal: Int, errorCode: String) {
        let error = #expect(throws: SimulatorError.self) {
            try PromoRules.validate(codes, promoCodes: Self.promoCodes, subTotal: subTotal, now: Self.now)
        }
        #expect(error?.code == errorCode)
        #expect(error?.status == 422)
    }

    @Test func anAppliedCodeThatNoLongerQualifiesBlocksWithANotice() {
        let result = PromoRules.evaluate(
            coupons: ["SAVE10", "TAKE20"], promoCodes: Self.promoCodes, subTotal: 10000, now: Self.now)
        #expect(result.applicable.map(\.code) == ["SAVE10"])
        #expect(result.notices.map(\.code) == ["PROMO_NOT_APPLICABLE"])
    }

    @Test func aCodeThatExpiredAfterBeingAppliedIsReported() {
        let before = Date(timeIntervalSince1970: 1_577_836_800)  // 2020-01-01, before SUMMER2020 expired
        let result = PromoRules.evaluate(
            coupons: ["SUMMER2020"], promoCodes: Self.promoCodes, subTotal: 10000, now: before)
        #expect(result.applicable.map(\.code) == ["SUMMER2020"])
        let later = PromoRules.evaluate(
            coupons: ["SUMMER2020"], promoCodes: Self.promoCodes, subTotal: 10000, now: Self.now)
        #expect(later.applicable.isEmpty)
        #expect(later.notices.map(\.code) == ["PROMO_EXPIRED"])
    }
}
