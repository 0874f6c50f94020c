import CardCrypto
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A Full Cart merchant as a real HTTP server: several merchant domains, the API host and the payment host on
/// one port, plus the `/_simulator/` control API.
///
/// ```swift
/// let simulator = try FullCartSimulator(configuration: SimulatorConfiguration(port: 0))
/// try await FullCartSimulator.withRunning(configuration: .init(port: 0)) { baseURL in … }
/// ```
public struct FullCartSimulator: Sendable {
    public let configuration: SimulatorConfiguration
    let state: SimulatorState

    /// Loads the catalog and, unless the configuration brings one, generates the payment key; a bad catalog
    /// throws `SimulatorCatalogError`.
    public init(configuration: SimulatorConfiguration) throws {
        self.configuration = configuration
        let catalog = try CatalogLoader.load(path: configuration.catalogPath)
        state = SimulatorState(
            catalog: catalog, configuration: configuration,
            paymentKey: try configuration.paymentKey ?? CardKeyPair.generate(kid: CardKeyPair.newKeyID()))
    }

    /// The merchant domains the simulator serves, in catalog order.
    public var domains: [String] { state.catalog.domains }

    /// The Hummingbird application serving this simulator, for running in a `ServiceGroup`.
    public func makeApplication(
        logger: Logger, onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: SimulatorRoutes(state: state, logger: logger).makeRouter(),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "FullCartSimulator"),
            onServerRunning: onServerRunning, logger: logger)
    }

    /// Starts a simulator on a real port (use port 0 for an ephemeral one), runs `body` with its base URL
    /// (`http://host:port`), and shuts the server down when `body` returns or throws.
    public static func withRunning<T: Sendable>(
        configuration: SimulatorConfiguration,
        logger: Logger = Logger(label: "FullCartSimulator"),
        _ body: (URL) async throws -> T
    ) async throws -> T {
        try await FullCartSimulator(configuration: configuration).withRunning(logger: logger, body)
    }

    /// Runs this simulator (catalog and key already loaded) like the static `withRunning`.
    public func withRunning<T: Sendable>(
        logger: Logger = Logger(label: "FullCartSimulator"),
        _ body: (URL) async throws -> T
    ) async throws -> T {
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let application = makeApplication(logger: logger) { channel in
            if let port = channel.localAddress?.port { portContinuation.yield(port) }
            portContinuation.finish()
        }
        let serviceGroup = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [application], logger: logger))

        return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
            group.addTask {
                defer { portContinuation.finish() }
                try await serviceGroup.run()
            }
            var portIterator = ports.makeAsyncIterator()
            guard let port = await portIterator.next(),
                let baseURL = URL(string: "http://\(configuration.host):\(port)")
            else {
                // The server stopped before listening; surface its error.
                try await group.waitForAll()
                throw SimulatorStartError(host: configuration.host, port: configuration.port)
            }
            do {
                let result = try await body(baseURL)
                await serviceGroup.triggerGracefulShutdown()
                try await group.waitForAll()
                return result
            } catch {
                await serviceGroup.triggerGracefulShutdown()
                group.cancelAll()
                throw error
            }
        }
    }
}

/// The server ended without ever listening.
public struct SimulatorStartError: Error, Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int

    public var description: String { "the simulator did not start listening on \(host):\(port)" }
}
