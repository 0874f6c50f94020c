extension BridgeConfiguration {
    /// One Full Cart merchant domain and where its API and payment hosts are.
    public struct Merchant: Sendable, Hashable {
        public var domain: String
        /// Session, catalog and cart calls.
        public var apiURL: String
        /// The PCI host: public key and complete-order.
        public var paymentURL: String
        /// The App ID Firmly issued for this merchant.
        public var appID: String
        public var requestTimeout: Duration
        /// complete-order authorises a payment, which is slow; a timeout there leaves the outcome unknown.
        public var completeOrderTimeout: Duration
        /// After an unknown outcome, how long past its deadline the merchant may still be placing the order:
        /// complete-order is not sent again before then.
        public var completeOrderSettle: Duration

        public init(
            domain: String, apiURL: String, paymentURL: String, appID: String,
            requestTimeout: Duration = defaultRequestTimeout,
            completeOrderTimeout: Duration = defaultCompleteOrderTimeout,
            completeOrderSettle: Duration = defaultCompleteOrderSettle
        ) {
            self.domain = domain
            self.apiURL = apiURL
            self.paymentURL = paymentURL
            self.appID = appID
            self.requestTimeout = requestTimeout
            self.completeOrderTimeout = completeOrderTimeout
            self.completeOrderSettle = completeOrderSettle
        }

        public static let defaultRequestTimeout = Duration.milliseconds(10_000)
        public static let defaultCompleteOrderTimeout = Duration.milliseconds(30_000)
        public static let defaultCompleteOrderSettle = Duration.milliseconds(120_000)
    }

    /// The pooled HTTP client every merchant call goes through.
    public struct HTTPClient: Sendable, Hashable {
        public var connectTimeout: Duration
        /// A gateway needs far more than AsyncHTTPClient's default of 8.
        public var maxConnectionsPerHost: Int

        public init(connectTimeout: Duration = .milliseconds(2000), maxConnectionsPerHost: Int = 64) {
            self.connectTimeout = connectTimeout
            self.maxConnectionsPerHost = maxConnectionsPerHost
        }
    }

    /// The embedded Full Cart simulator, started only when no merchants are configured.
    public struct Simulator: Sendable, Hashable {
        /// 0 picks any free loopback port.
        public var port: Int
        /// The catalog file it serves.
        public var catalog: String
        /// The App ID CartBridge presents to it (a UUID); `nil` generates one at start.
        public var appID: String?

        public init(port: Int = 0, catalog: String = "config/simulator-catalog.json", appID: String? = nil) {
            self.port = port
            self.catalog = catalog
            self.appID = appID
        }
    }
}

extension BridgeConfiguration.Merchant: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case domain
        case apiURL = "api_url"
        case paymentURL = "payment_url"
        case appID = "app_id"
        case requestTimeout = "request_timeout_ms"
        case completeOrderTimeout = "complete_order_timeout_ms"
        case completeOrderSettle = "complete_order_settle_ms"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        domain = try container.decode(String.self, forKey: .domain)
        apiURL = try container.decode(String.self, forKey: .apiURL)
        paymentURL = try container.decode(String.self, forKey: .paymentURL)
        appID = try container.decode(String.self, forKey: .appID)
        requestTimeout = try container.milliseconds(.requestTimeout, default: Self.defaultRequestTimeout)
        completeOrderTimeout = try container.milliseconds(
            .completeOrderTimeout, default: Self.defaultCompleteOrderTimeout)
        completeOrderSettle = try container.milliseconds(
            .completeOrderSettle, default: Self.defaultCompleteOrderSettle)
    }
}

extension BridgeConfiguration.HTTPClient: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case connectTimeout = "connect_timeout_ms"
        case maxConnectionsPerHost = "max_connections_per_host"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        let defaults = Self()
        connectTimeout = try container.milliseconds(.connectTimeout, default: defaults.connectTimeout)
        maxConnectionsPerHost = try container.decode(.maxConnectionsPerHost, default: defaults.maxConnectionsPerHost)
    }
}

extension BridgeConfiguration.Simulator: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case port, catalog
        case appID = "app_id"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        let defaults = Self()
        port = try container.decode(.port, default: defaults.port)
        catalog = try container.decode(.catalog, default: defaults.catalog)
        appID = try container.decodeIfPresent(String.self, forKey: .appID) ?? defaults.appID
    }
}
