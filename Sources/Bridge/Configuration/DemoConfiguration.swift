extension BridgeConfiguration {
    /// The demo storefront at `/` (`web/demo/`), which shops the configured merchants through the card element.
    public struct Demo: Sendable, Hashable {
        /// Unset (`~`): served exactly when the built-in simulator runs (no merchants configured), so a new install
        /// shows a shop and a real deployment shows none unless asked.
        public var enabled: Bool?

        public init(enabled: Bool? = nil) {
            self.enabled = enabled
        }

        /// Whether `/` serves the demo, given whether the built-in simulator stands in for merchants.
        public func isServed(withSimulator: Bool) -> Bool {
            enabled ?? withSimulator
        }
    }
}

extension BridgeConfiguration.Demo: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case enabled
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled)
    }
}
