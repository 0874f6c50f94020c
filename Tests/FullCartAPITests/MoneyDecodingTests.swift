import Foundation
import Testing

@testable import FullCartAPI

@Suite("Full Cart money")
struct MoneyDecodingTests {
    private func decode(_ json: String) throws -> FullCartMoney {
        try JSONDecoder().decode(FullCartMoney.self, from: Data(json.utf8))
    }

    @Test(
        "value alone gives exact minor units",
        arguments: [
            (#"{"currency":"USD","value":0.29}"#, 29),
            (#"{"currency":"USD","value":4.35}"#, 435),
            (#"{"currency":"USD","value":5.99}"#, 599),
            (#"{"currency":"USD","value":19.99}"#, 1999),
            (#"{"currency":"USD","value":1.1}"#, 110),
            (#"{"currency":"USD","value":54}"#, 5400),
            (#"{"currency":"USD","value":-130.00}"#, -13000),
            (#"{"currency":"USD","value":123456789.07}"#, 12_345_678_907),
            (#"{"currency":"JPY","value":1500}"#, 1500),
            (#"{"currency":"KWD","value":1.234}"#, 1234),
        ])
    func valueOnly(json: String, expected: Int) throws {
        #expect(try decode(json).minorUnits == expected)
    }

    @Test("number wins over value when both are present")
    func numberWins() throws {
        let money = try decode(#"{"currency":"USD","value":54.00,"number":5400,"symbol":"$"}"#)
        #expect(money == FullCartMoney(currency: "USD", minorUnits: 5400, symbol: "$"))
    }

    @Test("missing currency defaults to USD and lower case is normalised")
    func currencyDefaults() throws {
        #expect(try decode(#"{"value":2.5}"#).currency == "USD")
        #expect(try decode(#"{"currency":"eur","number":250}"#).currency == "EUR")
    }

    @Test(
        "values that cannot be represented are rejected, not rounded",
        arguments: [
            #"{"currency":"USD","value":1.005}"#,
            #"{"currency":"JPY","value":10.5}"#,
            #"{"currency":"USD"}"#,
            #"{"currency":"USD","value":"12.00"}"#,
        ])
    func rejected(json: String) {
        #expect(throws: DecodingError.self) { try decode(json) }
    }

    @Test("encoding writes value, number and symbol")
    func encoding() throws {
        let data = try JSONEncoder().encode(FullCartMoney(currency: "USD", minorUnits: 16879))
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["number"] as? Int == 16879)
        #expect((object["value"] as? NSNumber)?.decimalValue == Decimal(string: "168.79"))
        #expect(object["symbol"] as? String == "$")
        #expect(try JSONDecoder().decode(FullCartMoney.self, from: data).minorUnits == 16879)
    }
}
