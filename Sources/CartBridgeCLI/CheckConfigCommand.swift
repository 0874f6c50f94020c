import BridgeStoreDatabases
import ArgumentParser
import Bridge
import BridgeServer
import Foundation
import FullCartAPI
import Logging
import MedusaV1

/// `cartbridge check-config`: everything `serve` needs, checked without serving. Prints one line per check
/// and exits non-zero when any fails.
struct CheckConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Check the configuration, mapping tables, store, card keys and every merchant, then exit.")

    @Option(help: "Configuration file (YAML). Without it the built-in defaults apply.")
    var config: String?

    @Option(help: "Folder of the mapping tables.")
    var mappings = "mappings"

    @Option(help: "Folder of the browser files (element/ and demo/).")
    var web = "web"

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let (loaded, configuration) = await HealthCheck.measure(
            "configuration", { try BridgeConfiguration.load(path: config, environment: environment) }
        ) { _ in config ?? "built-in defaults" }
        guard let configuration else { return try finish([loaded]) }
        let (webFiles, _) = await HealthCheck.measure("web files", { try WebAssets.load(folder: web, for: configuration) }) {
            $0.demo == nil ? "card element" : "card element and demo storefront"
        }
        // The report is the output: the store's, the client's and the simulator's logs show only errors.
        var logger = Logger(label: "cartbridge.check-config")
        logger.logLevel = .error
        let http = FullCartHTTPClient.make(
            .init(
                connectTimeout: configuration.httpClient.connectTimeout,
                maxConnectionsPerHost: configuration.httpClient.maxConnectionsPerHost))
        let mappingsDirectory = URL(fileURLWithPath: BundledFile.resolve(mappings))
        func check(_ merchants: [FullCartMerchant]) async -> [CheckResult] {
            await ConfigurationCheck.run(
                configuration, tables: MedusaV1Checks.tables(configuration, mappingsDirectory: mappingsDirectory),
                merchants: merchants.map { FullCartClient(merchant: $0, http: http, logger: logger, observers: []) },
                openStore: { [logger] url, body in try await BridgeStores.withStore(url: url, logger: logger, body) })
        }
        let results: [CheckResult]
        do {
            if configuration.merchants.isEmpty {
                print("No merchants configured: serve would use the embedded Full Cart simulator; probing it.")
                results = try await EmbeddedSimulator.withMerchants(configuration.simulator, logger: logger) { merchants, _ in
                    await check(merchants)
                }
            } else {
                results = await check(configuration.merchants.map(FullCartMerchant.init))
            }
        } catch {
            try? await http.shutdown()
            let simulator = CheckResult(name: "simulator", passed: false, detail: "\(error)", duration: .zero)
            return try finish([loaded, webFiles, simulator])
        }
        try await http.shutdown()
        try finish([loaded, webFiles] + results)
    }

    private func finish(_ results: [CheckResult]) throws {
        print(CheckReport.render(results))
        if results.contains(where: { !$0.passed }) { throw ExitCode.failure }
    }
}
