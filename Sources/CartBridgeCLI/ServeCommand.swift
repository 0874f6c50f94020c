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
import MedusaAPI
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

    func run() async throws {
        let logger = Logger(label: "cartbridge")
        let started = ContinuousClock.now
        let configuration = try BridgeConfiguration.load(path: config, environment: ProcessInfo.processInfo.environment)
        let mappingsDirectory = URL(fileURLWithPath: BundledFile.resolve(mappings))
        let tables = try MappingTables.load(directory: mappingsDirectory)
        let regions = try RegionCatalog.regions(configuration.regions, mappingsDirectory: mappingsDirectory, now: Date())
        let keys = try CardKeyStore.loadOrGenerate(directory: URL(fileURLWithPath: configuration.keys.directory))
        try await BridgeStores.withStore(url: configuration.storage.url, logger: logger) { store in
            let http = FullCartHTTPClient.make(
                .init(
                    connectTimeout: configuration.httpClient.connectTimeout,
                    maxConnectionsPerHost: configuration.httpClient.maxConnectionsPerHost))
            let assembly = BridgeAssembly(
                configuration: configuration, regions: regions, tables: tables, keys: keys, store: store, http: http,
                logger: logger, started: started)
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
}

/// Puts the pieces together and runs them until SIGTERM or SIGINT.
struct BridgeAssembly {
    let configuration: BridgeConfiguration
    let regions: [MedusaAPI.Region]
    let tables: MappingTables
    let keys: CardKeyStore
    let store: any BridgeStore
    let http: HTTPClient
    let logger: Logger
    let started: ContinuousClock.Instant

    /// The simulator lives exactly as long as the bridge that uses it.
    func runWithEmbeddedSimulator() async throws {
        let simulatorConfiguration = SimulatorConfiguration(
            host: "127.0.0.1", port: configuration.simulator.port,
            catalogPath: BundledFile.resolve(configuration.simulator.catalog))
        let appID = configuration.simulator.appID ?? "00000000-0000-4000-8000-00000000c0de"
        let simulator = try FullCartSimulator(configuration: simulatorConfiguration)
        try await simulator.withRunning(logger: Logger(label: "cartbridge.simulator")) { baseURL in
            logger.info(
                "no merchants configured: using the built-in Full Cart simulator",
                metadata: ["url": "\(baseURL.absoluteString)", "domains": "\(simulator.domains.joined(separator: ","))"])
            try await run(
                merchants: simulator.domains.map { domain in
                    FullCartMerchant(
                        domain: domain, apiBaseURL: baseURL.absoluteString, paymentBaseURL: baseURL.absoluteString,
                        appID: appID)
                })
        }
    }

    func run(merchants: [FullCartMerchant]) async throws {
        let directory = MerchantDirectory(merchants.map { FullCartClient(merchant: $0, http: http, logger: logger) })
        let catalog = CatalogService(
            merchants: directory, errors: tables.errorCodes, ttl: configuration.catalog.ttl, logger: logger)
        let checkout = try CheckoutService(
            settings: CheckoutSettings(
                regions: regions, paymentProviderID: configuration.payment.providerID,
                cardTTL: configuration.payment.cardTTL, snapshotMaxAge: configuration.snapshot.maxAge),
            store: store, merchants: directory, catalog: catalog, keys: keys, tables: tables, logger: logger)
        let application = BridgeHTTPServer.makeApplication(
            storefront: checkout, options: ServerOptions(configuration.server), logger: logger
        ) { port in
            logger.info(
                "CartBridge is listening",
                metadata: [
                    "url": "http://\(configuration.server.host):\(port)/store",
                    "startup": "\(ContinuousClock.now - started)",
                    "merchants": "\(merchants.map(\.domain).joined(separator: ","))",
                    "storage": "\(configuration.storage.url)",
                ])
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    application,
                    StoreSweeper(
                        store: store, interval: .seconds(60), idempotencyTTL: configuration.storage.idempotencyTTL,
                        logger: logger),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

extension FullCartMerchant {
    init(_ merchant: BridgeConfiguration.Merchant) {
        self.init(
            domain: merchant.domain, apiBaseURL: merchant.apiURL, paymentBaseURL: merchant.paymentURL,
            appID: merchant.appID,
            timeouts: FullCartTimeouts(request: merchant.requestTimeout, completeOrder: merchant.completeOrderTimeout))
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
