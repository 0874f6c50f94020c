import BridgeStoreDatabases
import ArgumentParser
import AsyncHTTPClient
import Bridge
import BridgeServer
import BridgeStore
import CardCrypto
import Foundation
import FullCartAPI
import FullCartSimulator
import Logging
import MedusaV1
import Metrics
import Prometheus
import ServiceLifecycle

/// `cartbridge serve`: the Medusa v1 Store API on port 9000. With no merchant configured it starts the
/// built-in Full Cart simulator on a loopback port and buys from it, so a new install checks out at once.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run CartBridge (the Medusa v1 Store API in front of Full Cart merchants).")

    @Option(help: "Configuration file (YAML). Without it the built-in defaults apply; config/cartbridge.yaml documents them.")
    var config: String?

    @Option(help: "Folder of the mapping tables (error codes, address fields, countries, pinned ids).")
    var mappings = "mappings"

    @Option(help: "Folder of the browser files: element/ (the card element, always served) and demo/ (the demo storefront).")
    var web = "web"

    @Option(help: "Address to listen on (overrides server.host and CARTBRIDGE_SERVER_HOST).")
    var host: String?

    @Option(help: "Port to listen on, 0 for any free one (overrides server.port and CARTBRIDGE_SERVER_PORT).")
    var port: Int?

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535") }
        if let host, host.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--host must not be empty") }
    }

    func run() async throws {
        let started = ContinuousClock.now
        let configuration = try BridgeConfiguration.load(path: config, environment: ProcessInfo.processInfo.environment) {
            if let host { $0.server.host = host }
            if let port { $0.server.port = port }
        }
        configuration.logging.bootstrap()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: BridgeAssembly.metrics))
        let logger = Logger(label: "cartbridge")
        let mappingsDirectory = URL(fileURLWithPath: BundledFile.resolve(mappings))
        let tables = try MappingTables.load(directory: mappingsDirectory)
        let medusa = try MedusaV1Setup.load(configuration, mappingsDirectory: mappingsDirectory, now: Date())
        let web = try WebAssets.load(folder: self.web, for: configuration)
        let keys = try Self.cardKeys(configuration, logger: logger)
        let storeOptions = StoreOptions(
            maxConnections: configuration.storage.maxConnections,
            maxLockConnections: configuration.storage.maxLockConnections)
        try await BridgeStores.withStore(url: configuration.storage.url, options: storeOptions, logger: logger) { store in
            let http = FullCartHTTPClient.make(
                .init(
                    connectTimeout: configuration.httpClient.connectTimeout,
                    maxConnectionsPerHost: configuration.httpClient.maxConnectionsPerHost))
            let assembly = BridgeAssembly(
                configuration: configuration, medusa: medusa, tables: tables, keys: keys, web: web,
                store: store, http: http, logger: logger, started: started)
            do {
                if configuration.merchants.isEmpty {
                    try await assembly.runWithEmbeddedSimulator()
                } else {
                    try await assembly.run(merchants: configuration.merchants.map(FullCartMerchant.init))
                }
            } catch {
                try? await http.shutdown()
                throw error
            }
            try await http.shutdown()
        }
    }

    /// One instance (SQLite) may make its own first key. Several (PostgreSQL) must share one folder's keys, so a
    /// missing key is never generated there: readiness fails, saying so, until `cartbridge keys` adds one.
    static func cardKeys(_ configuration: BridgeConfiguration, logger: Logger) throws -> CardKeyring {
        let settings = configuration.keys
        let directory = URL(fileURLWithPath: settings.directory)
        let keyring = CardKeyring(directory: directory, retirement: configuration.keyRetirement)
        if configuration.storage.isSingleInstance {
            let contents = try CardKeyStore.loadOrGenerate(directory: directory, retirement: configuration.keyRetirement)
            keyring.swap(in: contents)
            if let kid = contents.generatedKid {
                logger.notice(
                    "generated a card key: the folder had none to use (SQLite: one instance)",
                    metadata: ["kid": "\(kid)", "directory": "\(settings.directory)"])
            }
            if !contents.retired.isEmpty {
                logger.warning(
                    "card keys past their retirement age are refused",
                    metadata: ["kids": "\(contents.retired.joined(separator: ","))"])
            }
            return keyring
        }
        if case .failed(let error) = keyring.reload() {
            logger.error(
                """
                no card key loaded: card payments are unavailable and /health/ready fails until one is added \
                (`cartbridge keys generate --dir \(settings.directory)`); the folder is read again every \
                \(settings.rescanInterval) and on SIGHUP
                """,
                metadata: ["error": "\(error)"])
        }
        return keyring
    }
}

/// Puts the pieces together and runs them until SIGTERM or SIGINT.
struct BridgeAssembly {
    let configuration: BridgeConfiguration
    let medusa: MedusaV1Setup
    let tables: MappingTables
    let keys: CardKeyring
    let web: WebAssets
    let store: any BridgeStore
    let http: HTTPClient
    let logger: Logger
    let started: ContinuousClock.Instant

    /// The process's metrics, which `/metrics` serves; `MetricsSystem` is bootstrapped with them.
    static let metrics = PrometheusCollectorRegistry()

    /// The simulator lives exactly as long as the bridge that uses it.
    func runWithEmbeddedSimulator() async throws {
        try await EmbeddedSimulator.withMerchants(configuration.simulator, logger: logger) { merchants, url in
            try await run(
                merchants: merchants, demoMode: true,
                readiness: [ReadinessChecks.simulator(url: url, domains: merchants.map(\.domain))])
        }
    }

    /// Where account messages go: the configured hook; in demo mode (the built-in simulator) the log.
    func accountNotifier(demoMode: Bool) -> any AccountNotifier {
        if let url = configuration.accounts.notifyURL {
            return WebhookAccountNotifier(url: url, http: http, logger: logger)
        }
        return demoMode ? LoggingAccountNotifier(logger: logger) : DroppingAccountNotifier(logger: logger)
    }

    func run(merchants: [FullCartMerchant], demoMode: Bool = false, readiness extraChecks: [HealthCheck] = [])
        async throws
    {
        let health = MerchantCallHealth()
        let directory = MerchantDirectory(
            merchants.map {
                FullCartClient(merchant: $0, http: http, logger: logger, observers: [FullCartCallMetrics(), health])
            })
        let catalog = CatalogService(
            merchants: directory, ttl: configuration.catalog.ttl, navigation: tables.catalogNavigation,
            refreshesInBackground: true, logger: logger)
        let checkout = CheckoutService(
            settings: CheckoutSettings(
                regions: medusa.salesRegions, paymentProviderID: configuration.payment.providerID,
                cardTTL: configuration.payment.cardTTL, snapshotMaxAge: configuration.snapshot.maxAge,
                lockWaits: LockWaits(
                    read: configuration.server.readLockWait, mutation: configuration.server.writeLockWait),
                declinedCompletionsPerHour: configuration.rateLimit.declinedCompletionsPerHour,
                paymentKeyTTL: configuration.payment.merchantKeyTTL),
            store: store, merchants: directory, catalog: catalog, keys: keys, tables: tables, logger: logger,
            faultHook: CrashAtRecoveryPoint.hook(environment: ProcessInfo.processInfo.environment))
        let options = ServerOptions(configuration)
        let readiness =
            [ReadinessChecks.store(store), ReadinessChecks.cardKeys(keys)] + extraChecks
            + merchants.map { ReadinessChecks.merchant($0.domain, health: health) }
        let storefront = MedusaV1Storefront(core: checkout, setup: medusa)
        let tokens = try AccountTokens(
            secret: AccountSecret.load(
                path: configuration.accounts.secretFile, createIfMissing: configuration.storage.isSingleInstance))
        let accounts = MedusaV1Accounts(
            accounts: CustomerAccounts(
                store: store, tokens: tokens, notifier: accountNotifier(demoMode: demoMode), logger: logger),
            storefront: storefront)
        let application = BridgeHTTPServer.makeApplication(
            storefront: storefront, accounts: accounts,
            idempotency: IdempotencyLedger(store: store, logger: logger), options: options, web: web,
            logger: logger, metrics: Self.metrics, readiness: readiness
        ) { port in
            logger.info(
                "CartBridge is listening",
                metadata: [
                    "url": "http://\(configuration.server.host):\(port)/store",
                    "demo": "\(web.demo == nil ? "off" : "http://\(configuration.server.host):\(port)/")",
                    "startup": "\(ContinuousClock.now - started)",
                    "merchants": "\(merchants.map(\.domain).joined(separator: ","))",
                    "storage": "\(StorageURL.redacted(configuration.storage.url))",
                ])
        }
        var services: [any Service] = [
            application,
            StoreSweeper(
                store: store, interval: .seconds(60), idempotencyTTL: configuration.storage.idempotencyTTL,
                logger: logger),
            CardKeyWatcher(keys: keys, interval: configuration.keys.rescanInterval, logger: logger),
            CatalogRefresher(catalog: catalog),
        ]
        if options.adminPort != nil {
            services.append(
                BridgeHTTPServer.makeAdminApplication(
                    options: options, logger: logger, metrics: Self.metrics, readiness: readiness
                ) { port in
                    logger.info(
                        "admin endpoints (/metrics, /health/ready) are listening",
                        metadata: ["url": "http://\(configuration.server.adminHost):\(port)"])
                })
        }
        let group = BridgeHTTPServer.serviceGroup(services: services, options: options, logger: logger)
        try await group.run()
    }
}

extension FullCartMerchant {
    init(_ merchant: BridgeConfiguration.Merchant) {
        self.init(
            domain: merchant.domain, apiBaseURL: merchant.apiURL, paymentBaseURL: merchant.paymentURL,
            appID: merchant.appID,
            timeouts: FullCartTimeouts(
                request: merchant.requestTimeout, completeOrder: merchant.completeOrderTimeout,
                completeOrderSettle: merchant.completeOrderSettle))
    }
}

extension WebAssets {
    /// The element's files, and the demo's when the configuration serves it, from a shipped or given folder.
    static func load(folder: String, for configuration: BridgeConfiguration) throws(WebAssetsError) -> WebAssets {
        try load(
            directory: URL(fileURLWithPath: BundledFile.resolve(folder)),
            servingDemo: configuration.demo.isServed(withSimulator: configuration.merchants.isEmpty),
            paymentProviderID: configuration.payment.providerID)
    }
}

/// Files that ship in the repository (mappings, the demo catalog): a relative path is looked up in the current
/// directory first, then in the checkout this binary was built from, so `cartbridge serve` works from anywhere.
enum BundledFile {
    static func resolve(_ path: String) -> String {
        guard !path.hasPrefix("/"), !FileManager.default.fileExists(atPath: path) else { return path }
        // This file is <root>/Sources/CartBridgeCLI/ServeCommand.swift.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidate = root.appendingPathComponent(path).path
        return FileManager.default.fileExists(atPath: candidate) ? candidate : path
    }
}
