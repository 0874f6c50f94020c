import Testing

@testable import FullCartSimulator

struct FaultSettingsTests {
    static let addLine = MerchantCall(segments: ["cart", "line-items"], domain: "apparel.example")
    static let completeOrder = MerchantCall(segments: ["payment", "complete-order"], domain: "home.example")
    static let paymentKey = MerchantCall(segments: ["payment", "key"], domain: nil)

    static func settings(endpoints: [String]? = nil, domains: [String]? = nil) -> FaultSettings {
        var settings = FaultSettings(seed: 1)
        settings.endpoints = endpoints
        settings.domains = domains
        return settings
    }

    @Test(arguments: [
        (settings(), addLine, true),
        (settings(endpoints: []), paymentKey, true),
        (settings(endpoints: ["complete-order"]), completeOrder, true),
        (settings(endpoints: ["complete-order"]), addLine, false),
        (settings(endpoints: ["cart"]), addLine, true),
        (settings(endpoints: ["cart/line-items"]), addLine, true),
        (settings(endpoints: ["line-items/cart"]), addLine, false),
        (settings(endpoints: ["payment"]), paymentKey, true),
        (settings(domains: ["home.example"]), completeOrder, true),
        (settings(domains: ["home.example"]), addLine, false),
        (settings(domains: ["home.example"]), paymentKey, false),
        (settings(endpoints: ["complete-order"], domains: ["apparel.example"]), completeOrder, false),
    ])
    func filtersMatchCalls(settings: FaultSettings, call: MerchantCall, matches: Bool) {
        #expect(settings.matches(call) == matches)
    }

    @Test func decodingAppliesDefaultsAndLimits() throws {
        let settings = try FaultSettings.decode(.init(latencyMS: 250, unavailableRate: 0.5), defaultSeed: 9)
        #expect(settings.latencyMS == 250)
        #expect(settings.unavailableRate == 0.5)
        #expect(settings.unavailableNext == 0)
        #expect(settings.seed == 9)
        #expect(throws: SimulatorError.self) { try FaultSettings.decode(.init(unavailableRate: 1.5), defaultSeed: 1) }
        #expect(throws: SimulatorError.self) { try FaultSettings.decode(.init(unavailableNext: -1), defaultSeed: 1) }
    }

    @Test func seededRandomReplays() {
        var first = SeededRandom(seed: 42)
        var second = SeededRandom(seed: 42)
        let a = (0..<5).map { _ in first.next() }
        #expect(a == (0..<5).map { _ in second.next() })
        var other = SeededRandom(seed: 43)
        #expect(a != (0..<5).map { _ in other.next() })
    }
}
