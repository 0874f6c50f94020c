import Bridge
import FullCartAPI
import FullCartSimulator
import Logging

/// The built-in Full Cart simulator `serve` (and `check-config`) buy from when no merchant is configured.
enum EmbeddedSimulator {
    /// Starts the simulator on a loopback port, runs `body` with its merchants, and stops it when `body` ends.
    static func withMerchants<T: Sendable>(
        _ configuration: BridgeConfiguration.Simulator, logger: Logger,
        _ body: ([FullCartMerchant], _ url: String) async throws -> T
    ) async throws -> T {
        let simulator = try FullCartSimulator(
            configuration: SimulatorConfiguration(
                host: "127.0.0.1", port: configuration.port, catalogPath: BundledFile.resolve(configuration.catalog)))
        let appID = configuration.appID ?? "00000000-0000-4000-8000-00000000c0de"
        var simulatorLogger = Logger(label: "cartbridge.simulator")
        simulatorLogger.logLevel = logger.logLevel
        return try await simulator.withRunning(logger: simulatorLogger) { baseURL in
            logger.notice(
                """
                No merchants are configured, so the built-in Full Cart simulator stands in for them: a demo, no real \
                orders. List your merchants under `merchants:` in the configuration to buy from real ones.
                """,
                metadata: [
                    "url": "\(baseURL.absoluteString)", "domains": "\(simulator.domains.joined(separator: ","))",
                ])
            return try await body(
                simulator.domains.map { domain in
                    FullCartMerchant(
                        domain: domain, apiBaseURL: baseURL.absoluteString, paymentBaseURL: baseURL.absoluteString,
                        appID: appID)
                }, baseURL.absoluteString)
        }
    }
}
