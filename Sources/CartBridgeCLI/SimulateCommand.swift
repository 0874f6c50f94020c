import ArgumentParser
import FullCartSimulator
import Logging
import ServiceLifecycle

/// `cartbridge simulate`: runs the Full Cart merchant simulator until SIGINT or SIGTERM.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run the Full Cart merchant simulator (API host, payment host and /_simulator controls).")

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 9100

    @Option(help: "Catalog JSON file (default: config/simulator-catalog.json).")
    var catalog: String?

    @Option(help: "Device token lifetime in seconds.")
    var tokenLifetime = 3600

    @Option(help: "Seconds a rotated-out payment key keeps decrypting.")
    var keyGrace = 60

    @Option(help: "Seed for random fault injection.")
    var seed: UInt64 = 1

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0...65535") }
        guard tokenLifetime > 0 else { throw ValidationError("--token-lifetime must be positive") }
        guard keyGrace >= 0 else { throw ValidationError("--key-grace must not be negative") }
    }

    func run() async throws {
        let logger = Logger(label: "cartbridge.simulate")
        let simulator = try FullCartSimulator(
            configuration: SimulatorConfiguration(
                host: host, port: port, catalogPath: catalog ?? SimulatorConfiguration.defaultCatalogPath,
                tokenLifetime: .seconds(tokenLifetime), keyGracePeriod: .seconds(keyGrace), randomSeed: seed))
        let domains = simulator.domains
        let application = simulator.makeApplication(logger: logger) { channel in
            let boundPort = channel.localAddress?.port ?? port
            logger.info(
                "Full Cart simulator listening",
                metadata: ["url": "http://\(host):\(boundPort)", "domains": "\(domains.joined(separator: ", "))"])
        }
        let serviceGroup = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [application], gracefulShutdownSignals: [.sigint, .sigterm], logger: logger))
        try await serviceGroup.run()
    }
}
