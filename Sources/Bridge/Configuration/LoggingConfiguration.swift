import Logging

extension BridgeConfiguration {
    /// What the process writes to stderr.
    public struct Logging: Sendable, Hashable {
        public enum Format: String, Sendable, Hashable, Decodable, CaseIterable {
            /// One JSON object per line, for log collectors.
            case json
            /// swift-log's readable lines, for a terminal.
            case text
        }

        public var format: Format
        /// trace, debug, info, notice, warning, error or critical.
        public var level: Logger.Level

        public init(format: Format = .json, level: Logger.Level = .info) {
            self.format = format
            self.level = level
        }
    }
}

extension BridgeConfiguration.Logging: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case format, level
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        let defaults = Self()
        format = try container.decode(.format, default: defaults.format)
        level = try container.decode(.level, default: defaults.level)
    }
}
