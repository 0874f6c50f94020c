extension BridgeConfiguration {
    /// Where carts, card JWEs and orders are kept.
    public struct Storage: Sendable, Hashable {
        /// `sqlite:PATH` (relative to the working directory) or `postgres://…`.
        public var url: String

        public init(url: String = "sqlite:.cartbridge/cartbridge.sqlite") {
            self.url = url
        }
    }

    /// Where CartBridge's card-encryption key pair lives (generated on first start).
    public struct CardKeys: Sendable, Hashable {
        public var directory: String

        public init(directory: String = ".cartbridge/keys") {
            self.directory = directory
        }
    }
}

extension BridgeConfiguration.Storage: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case url
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        url = try container.decode(.url, default: Self().url)
    }
}

extension BridgeConfiguration.CardKeys: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case directory
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        directory = try container.decode(.directory, default: Self().directory)
    }
}
