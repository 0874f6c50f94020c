import Foundation
import MedusaAPI
import Testing

@Suite("JSON values")
struct JSONValueTests {
    @Test func keepsIntegersApartFromOtherNumbers() throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"a":3,"b":2.5,"c":true,"d":null,"e":["x"]}"#.utf8))
        #expect(value == ["a": 3, "b": 2.5, "c": true, "d": nil, "e": ["x"]])
        #expect(String(decoding: try JSONEncoder().encode(value["a"]), as: UTF8.self) == "3")
    }

    @Test(arguments: [(JSONValue.integer(3), 3), (.number(3.0), 3), (.number(3.5), nil), (.bool(true), nil), (.string("3"), nil)] as [(JSONValue, Int?)])
    func integerValueFollowsNumberIsInteger(_ value: JSONValue, _ expected: Int?) {
        #expect(value.integerValue == expected)
    }
}
