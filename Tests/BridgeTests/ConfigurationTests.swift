@testable import MedusaV1
import Bridge
import Foundation
import Testing

@Suite struct ConfigurationTests {
    /// `config/cartbridge.yaml` in this checkout.
    static let shippedFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config/cartbridge.yaml").path

    /// Writes `yaml` to a temporary file, loads it, and removes the file.
    private func load(
        yaml: String, environment: [String: String] = [:]
    ) throws(ConfigurationError) -> BridgeConfiguration {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cartbridge-\(UUID()).yaml").path
        precondition(FileManager.default.createFile(atPath: path, contents: Data(yaml.utf8)), "cannot write \(path)")
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try BridgeConfiguration.load(path: path, environment: environment)
    }

    private func loadError(yaml: String, environment: [String: String] = [:]) -> ConfigurationError? {
        do {
            _ = try load(yaml: yaml, environment: environment)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Defaults

    @Test func theShippedFileIsExactlyTheBuiltInDefaults() throws {
        #expect(try BridgeConfiguration.load(path: Self.shippedFile, environment: [:]) == BridgeConfiguration())
    }

    @Test func noFileMeansTheDefaults() throws {
        let configuration = try BridgeConfiguration.load(path: nil, environment: [:])
        #expect(configuration == BridgeConfiguration())
        #expect(configuration.server.port == 9000)
        #expect(configuration.server.host == "127.0.0.1")
        #expect(configuration.server.maxBodyBytes == 1_048_576)
        #expect(configuration.storage.url == "sqlite:.cartbridge/cartbridge.sqlite")
        #expect(configuration.regions.map(\.id) == ["reg_cartbridge_us"])
        #expect(configuration.merchants.isEmpty)
    }

    @Test(arguments: ["", "# nothing but a comment\n", "server:\n"])
    func anEmptyFileOrSectionKeepsTheDefaults(_ yaml: String) throws {
        #expect(try load(yaml: yaml) == BridgeConfiguration())
    }

    @Test func aFileOverridesOnlyWhatItNames() throws {
        let configuration = try load(
            yaml: """
                server:
                  port: 9100
                regions:
                  - id: reg_eu
                    name: Europe
                    currency_code: EUR
                    tax_rate: 20
                    countries: [DE, fr]
                    payment_providers: [cartbridge, manual]
                    fulfillment_providers: [cartbridge]
                merchants:
                  - domain: staging.luma.gift
                    api_url: https://api.firmly.work
                    payment_url: https://cc.firmly.work/
                    app_id: app-1
                    request_timeout_ms: 5000
                """)
        #expect(configuration.server == BridgeConfiguration.Server(port: 9100))
        #expect(
            configuration.regions == [
                BridgeConfiguration.Region(
                    id: "reg_eu", name: "Europe", currencyCode: "eur", taxRate: 20, countries: ["de", "fr"],
                    paymentProviders: ["cartbridge", "manual"], fulfillmentProviders: ["cartbridge"])
            ])
        #expect(
            configuration.merchants == [
                BridgeConfiguration.Merchant(
                    domain: "staging.luma.gift", apiURL: "https://api.firmly.work",
                    paymentURL: "https://cc.firmly.work/",
                    appID: "app-1", requestTimeout: .milliseconds(5000))
            ])
        #expect(configuration.storage == BridgeConfiguration.Storage())
    }

    // MARK: Environment

    @Test func environmentVariablesOverrideEveryScalarSection() throws {
        let configuration = try load(
            yaml: "server:\n  port: 9100\n",
            environment: [
                "CARTBRIDGE_SERVER_PORT": "9001",
                "CARTBRIDGE_SERVER_STORE_CORS": "*",
                "CARTBRIDGE_STORAGE_URL": "postgres://bridge:secret@db/cartbridge",
                "CARTBRIDGE_KEYS_DIRECTORY": "/var/lib/cartbridge/keys",
                "CARTBRIDGE_CATALOG_TTL_SECONDS": "60",
                "CARTBRIDGE_PAYMENT_PROVIDER_ID": "cartbridge",
                "CARTBRIDGE_SNAPSHOT_MAX_AGE_MS": "250",
                "CARTBRIDGE_HTTP_CLIENT_MAX_CONNECTIONS_PER_HOST": "128",
                "CARTBRIDGE_SIMULATOR_APP_ID": "6f1c2a7e-3b4d-4c5e-8f90-a1b2c3d4e5f6",
                "CARTBRIDGE_SERVER_PUBLISHABLE_KEYS": "pk_1,pk_2",
                "CARTBRIDGE_SERVER_SHUTDOWN_TIMEOUT_SECONDS": "5",
                "CARTBRIDGE_LOGGING_FORMAT": "text",
                "CARTBRIDGE_LOGGING_LEVEL": "debug",
                "CARTBRIDGE_RATE_LIMIT_REQUESTS_PER_MINUTE": "0",
                "CARTBRIDGE_RATE_LIMIT_TRUST_FORWARDED_FOR": "true",
                "CARTBRIDGE_RATE_LIMIT_DECLINED_COMPLETIONS_PER_HOUR": "3",
                "CARTBRIDGE_SERVER_ADMIN_PORT": "9091",
                "CARTBRIDGE_SERVER_WRITE_LOCK_WAIT_MS": "2000",
                "CARTBRIDGE_KEYS_RETIRE_AFTER_DAYS": "90",
                "CARTBRIDGE_KEYS_RESCAN_SECONDS": "5",
                "CARTBRIDGE_PAYMENT_MERCHANT_KEY_TTL_SECONDS": "60",
                // Not ours to judge: other CARTBRIDGE_ variables and the rest of the environment.
                "CARTBRIDGE_OAS_CAPTURE": "/tmp/capture.jsonl",
                "PATH": "/usr/bin",
            ])
        #expect(configuration.server.port == 9001)
        #expect(configuration.server.storeCORS == "*")
        #expect(configuration.storage.url == "postgres://bridge:secret@db/cartbridge")
        #expect(configuration.keys.directory == "/var/lib/cartbridge/keys")
        #expect(configuration.catalog.ttl == .seconds(60))
        #expect(configuration.snapshot.maxAge == .milliseconds(250))
        #expect(configuration.httpClient.maxConnectionsPerHost == 128)
        #expect(configuration.simulator.appID == "6f1c2a7e-3b4d-4c5e-8f90-a1b2c3d4e5f6")
        #expect(configuration.server.publishableKeys == "pk_1,pk_2")
        #expect(configuration.server.shutdownTimeout == .seconds(5))
        #expect(configuration.logging == BridgeConfiguration.Logging(format: .text, level: .debug))
        #expect(configuration.rateLimit.requestsPerMinute == 0)
        #expect(configuration.rateLimit.trustForwardedFor)
        #expect(configuration.rateLimit.declinedCompletionsPerHour == 3)
        #expect(configuration.server.adminPort == 9091)
        #expect(configuration.server.writeLockWait == .seconds(2))
        #expect(configuration.keys.retireAfter == .seconds(90 * 86_400))
        #expect(configuration.keys.rescanInterval == .seconds(5))
        #expect(configuration.payment.merchantKeyTTL == .seconds(60))
    }

    @Test func environmentVariablesApplyWithoutAFile() throws {
        let configuration = try BridgeConfiguration.load(path: nil, environment: ["CARTBRIDGE_SERVER_HOST": "0.0.0.0"])
        #expect(configuration.server.host == "0.0.0.0")
    }

    struct BadEnvironment: Sendable, CustomTestStringConvertible {
        var variable: String
        var value: String
        var keyPath: String
        var problem: String
        var testDescription: String { "\(variable)=\(value)" }
    }

    @Test(arguments: [
        BadEnvironment(
            variable: "CARTBRIDGE_SERVER_PORT", value: "abc", keyPath: "server.port", problem: "expected an integer"),
        BadEnvironment(
            variable: "CARTBRIDGE_SERVER_PORT", value: "70000", keyPath: "server.port", problem: "port number"),
        BadEnvironment(
            variable: "CARTBRIDGE_SERVER_MAX_BODY_BYTES", value: "", keyPath: "server.max_body_bytes",
            problem: "expected an integer"),
        BadEnvironment(
            variable: "CARTBRIDGE_SERVER_PROT", value: "9001", keyPath: "server.prot", problem: "unknown key"),
        BadEnvironment(
            variable: "CARTBRIDGE_REGIONS_ID", value: "reg_x", keyPath: "regions.id", problem: "configuration file"),
        BadEnvironment(
            variable: "CARTBRIDGE_STORAGE_URL", value: " ", keyPath: "storage.url", problem: "must not be empty"),
    ])
    func aBadEnvironmentValueNamesTheVariable(_ bad: BadEnvironment) throws {
        let error = try #require(loadError(yaml: "", environment: [bad.variable: bad.value]))
        #expect(error.variable == bad.variable)
        #expect(error.keyPath == bad.keyPath)
        #expect(error.problem.contains(bad.problem))
        #expect("\(error)".hasPrefix("\(bad.variable) (\(bad.keyPath)): "))
    }

    // MARK: Bad files

    struct BadFile: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        var keyPath: String
        var problem: String
        var testDescription: String { name }
    }

    static let region = """
          - id: reg_us
            name: United States
            currency_code: usd
            countries: [us]
            payment_providers: [cartbridge]
            fulfillment_providers: [cartbridge]
        """

    static let merchant = """
          - domain: shop.example.com
            api_url: https://api.example.com
            payment_url: https://cc.example.com
            app_id: app-1
        """

    /// `regions:` holding `region` with `original` replaced by `replacement`.
    private static func regions(replacing original: String, with replacement: String) -> String {
        "regions:\n" + region.replacingOccurrences(of: original, with: replacement)
    }

    private static func merchants(replacing original: String, with replacement: String) -> String {
        "merchants:\n" + merchant.replacingOccurrences(of: original, with: replacement)
    }

    static let badFiles: [BadFile] = [
        BadFile(name: "misspelt key", yaml: "server:\n  prot: 9000\n", keyPath: "server.prot", problem: "unknown key"),
        BadFile(name: "unknown section", yaml: "serverr:\n  port: 9000\n", keyPath: "serverr", problem: "unknown key"),
        BadFile(
            name: "port not a number", yaml: "server:\n  port: abc\n", keyPath: "server.port",
            problem: "expected an integer"),
        BadFile(
            name: "port too large", yaml: "server:\n  port: 70000\n", keyPath: "server.port", problem: "0 to 65535"),
        BadFile(
            name: "port negative", yaml: "simulator:\n  port: -1\n", keyPath: "simulator.port", problem: "0 to 65535"),
        BadFile(
            name: "section not a mapping", yaml: "server: 9000\n", keyPath: "server", problem: "expected a mapping"),
        BadFile(
            name: "zero body limit", yaml: "server:\n  max_body_bytes: 0\n", keyPath: "server.max_body_bytes",
            problem: "at least 1"),
        BadFile(
            name: "negative TTL", yaml: "catalog:\n  ttl_seconds: -5\n", keyPath: "catalog.ttl_seconds",
            problem: "negative"),
        BadFile(
            name: "no connections", yaml: "http_client:\n  max_connections_per_host: 0\n",
            keyPath: "http_client.max_connections_per_host", problem: "at least 1"),
        BadFile(
            name: "simulator app id not a UUID", yaml: "simulator:\n  app_id: abc\n", keyPath: "simulator.app_id",
            problem: "UUID"),
        BadFile(
            name: "negative shutdown timeout", yaml: "server:\n  shutdown_timeout_seconds: -1\n",
            keyPath: "server.shutdown_timeout_seconds", problem: "negative"),
        BadFile(
            name: "unknown log format", yaml: "logging:\n  format: xml\n", keyPath: "logging.format",
            problem: "xml"),
        BadFile(
            name: "unknown log level", yaml: "logging:\n  level: loud\n", keyPath: "logging.level", problem: "loud"),
        BadFile(
            name: "negative rate", yaml: "rate_limit:\n  requests_per_minute: -1\n",
            keyPath: "rate_limit.requests_per_minute", problem: "negative"),
        BadFile(
            name: "zero burst", yaml: "rate_limit:\n  burst: 0\n", keyPath: "rate_limit.burst", problem: "at least 1"),
        BadFile(
            name: "rate limit flag not a boolean", yaml: "rate_limit:\n  trust_forwarded_for: maybe\n",
            keyPath: "rate_limit.trust_forwarded_for", problem: "true or false"),
        BadFile(name: "no regions", yaml: "regions: []\n", keyPath: "regions", problem: "at least one region"),
        BadFile(name: "regions not a list", yaml: "regions: us\n", keyPath: "regions", problem: "expected a list"),
        BadFile(
            name: "region without a name", yaml: "regions:\n  - id: reg_us\n    currency_code: usd\n",
            keyPath: "regions[0].name", problem: "is required"),
        BadFile(
            name: "empty region id", yaml: regions(replacing: "id: reg_us", with: "id: \"\""),
            keyPath: "regions[0].id", problem: "must not be empty"),
        BadFile(
            name: "duplicate region id",
            yaml: "regions:\n\(region)\n\(region.replacingOccurrences(of: "[us]", with: "[ca]"))",
            keyPath: "regions[1].id", problem: "duplicate region id reg_us"),
        BadFile(
            name: "currency not 3 letters",
            yaml: regions(replacing: "currency_code: usd", with: "currency_code: dollars"),
            keyPath: "regions[0].currency_code", problem: "3-letter"),
        BadFile(
            name: "country not 2 letters", yaml: regions(replacing: "[us]", with: "[us, usa]"),
            keyPath: "regions[0].countries[1]", problem: "2-letter"),
        BadFile(
            name: "country in two regions",
            yaml: "regions:\n\(region)\n\(region.replacingOccurrences(of: "reg_us", with: "reg_us2"))",
            keyPath: "regions[1].countries[0]", problem: "already belongs to region reg_us"),
        BadFile(
            name: "tax rate over 100", yaml: "regions:\n\(region)\n    tax_rate: 150\n", keyPath: "regions[0].tax_rate",
            problem: "percentage"),
        BadFile(
            name: "region without our payment provider",
            yaml: regions(replacing: "payment_providers: [cartbridge]", with: "payment_providers: [manual]"),
            keyPath: "regions[0].payment_providers", problem: "payment.provider_id (cartbridge)"),
        BadFile(
            name: "unknown region key", yaml: "regions:\n\(region)\n    currency: usd\n",
            keyPath: "regions[0].currency", problem: "unknown key"),
        BadFile(
            name: "duplicate merchant domain",
            yaml: "merchants:\n\(merchant)\n\(merchant.replacingOccurrences(of: "shop.", with: "SHOP."))",
            keyPath: "merchants[1].domain", problem: "duplicate merchant domain"),
        BadFile(
            name: "merchant API URL not http", yaml: merchants(replacing: "https://api.", with: "ftp://api."),
            keyPath: "merchants[0].api_url", problem: "http"),
        BadFile(
            name: "merchant payment URL not a URL", yaml: merchants(replacing: "https://cc.", with: ""),
            keyPath: "merchants[0].payment_url", problem: "http"),
        BadFile(
            name: "merchant without app id", yaml: merchants(replacing: "    app_id: app-1", with: ""),
            keyPath: "merchants[0].app_id", problem: "is required"),
        BadFile(
            name: "merchant zero timeout", yaml: "merchants:\n\(merchant)\n    complete_order_timeout_ms: 0\n",
            keyPath: "merchants[0].complete_order_timeout_ms", problem: "at least 1"),
        BadFile(
            name: "merchant API over plain HTTP to another host",
            yaml: merchants(replacing: "https://api.example.com", with: "http://api.example.com"),
            keyPath: "merchants[0].api_url", problem: "must be https://"),
        BadFile(
            name: "merchant payment host over plain HTTP to another host",
            yaml: merchants(replacing: "https://cc.example.com", with: "http://10.0.0.7:8443"),
            keyPath: "merchants[0].payment_url", problem: "must be https://"),
        BadFile(
            name: "admin port equal to the store port", yaml: "server:\n  port: 9000\n  admin_port: 9000\n",
            keyPath: "server.admin_port", problem: "must differ"),
        BadFile(
            name: "negative lock wait", yaml: "server:\n  read_lock_wait_ms: -1\n", keyPath: "server.read_lock_wait_ms",
            problem: "negative"),
        BadFile(
            name: "zero key retirement", yaml: "keys:\n  retire_after_days: 0\n", keyPath: "keys.retire_after_days",
            problem: "at least 1"),
        BadFile(
            name: "negative decline limit", yaml: "rate_limit:\n  declined_completions_per_hour: -1\n",
            keyPath: "rate_limit.declined_completions_per_hour", problem: "negative"),
        BadFile(name: "invalid YAML", yaml: "server:\n  port: [9000\n", keyPath: "", problem: "invalid YAML"),
        BadFile(name: "not a mapping", yaml: "- server\n", keyPath: "", problem: "expected a mapping of sections"),
    ]

    @Test(arguments: badFiles)
    func aBadFileIsRejectedNamingTheKey(_ bad: BadFile) throws {
        let error = try #require(loadError(yaml: bad.yaml))
        #expect(error.keyPath == bad.keyPath)
        #expect(error.problem.contains(bad.problem), "\(error)")
        #expect(error.variable == nil)
        #expect("\(error)".contains("\(bad.keyPath.isEmpty ? "" : bad.keyPath + ": ")\(error.problem)"))
    }

    @Test(arguments: ["http://127.0.0.1:8080", "http://localhost:9", "http://[::1]:8443", "http://127.9.9.9"])
    func plainHTTPIsAllowedOnlyOnLoopback(_ url: String) throws {
        let configuration = try load(yaml: Self.merchants(replacing: "https://api.example.com", with: url))
        #expect(configuration.merchants.first?.apiURL == url)
    }

    @Test func aRegionOffersCartBridgesProvidersUnlessItNamesOthers() throws {
        let region = "regions:\n  - id: reg_ca\n    name: Canada\n    currency_code: cad\n    countries: [ca]\n"
        let configuration = try load(yaml: region)
        #expect(configuration.regions.first?.paymentProviders == ["cartbridge"])
        #expect(configuration.regions.first?.fulfillmentProviders == ["cartbridge"])
        let renamed = try load(yaml: "payment:\n  provider_id: cards\n" + region)
        #expect(renamed.regions.first?.paymentProviders == ["cards"])
    }

    @Test func theDemoFollowsTheSimulatorUnlessTold() throws {
        let unset = try load(yaml: "")
        #expect(unset.demo.enabled == nil)
        #expect(unset.demo.isServed(withSimulator: true))
        #expect(!unset.demo.isServed(withSimulator: false), "real merchants: no shop at / unless asked")
        let forcedOn = try load(yaml: "demo:\n  enabled: true\n")
        #expect(forcedOn.demo.isServed(withSimulator: false))
        let forcedOff = try load(yaml: "", environment: ["CARTBRIDGE_DEMO_ENABLED": "false"])
        #expect(!forcedOff.demo.isServed(withSimulator: true))
        #expect(loadError(yaml: "demo:\n  enabled: maybe\n") != nil)
    }

    @Test func perAddressRateLimitsAreOptIn() throws {
        let defaults = try BridgeConfiguration.load(path: nil, environment: [:])
        #expect(defaults.rateLimit.requestsPerMinute == 0)
        #expect(defaults.rateLimit.declinedCompletionsPerHour == 5)
        #expect(defaults.server.adminPort == nil)
        #expect(defaults.keys.retireAfter == .seconds(365 * 86_400))
    }

    @Test func aMissingFileIsNamed() {
        #expect(
            throws: ConfigurationError(
                file: "/nonexistent/cartbridge.yaml", keyPath: "", problem: "cannot read the file as UTF-8 text")
        ) {
            try BridgeConfiguration.load(path: "/nonexistent/cartbridge.yaml", environment: [:])
        }
    }

    @Test func theMessageLeadsWithFileAndKeyPath() {
        let error = ConfigurationError(
            file: "config/cartbridge.yaml", keyPath: "server.port", problem: "expected an integer")
        #expect("\(error)" == "config/cartbridge.yaml: server.port: expected an integer")
    }
}
