import CardCrypto
import Foundation

/// How to run a simulator: where it listens, which catalog it serves, token and key lifetimes, and the seed
/// that makes random fault injection reproducible.
public struct SimulatorConfiguration: Sendable {
    public var host: String
    /// 0 binds an ephemeral port; `FullCartSimulator.withRunning` reports the real one.
    public var port: Int
    public var catalogPath: String
    /// Lifetime of device tokens issued by browser-session.
    public var tokenLifetime: Duration
    /// How long a rotated-out payment key keeps decrypting, unless a rotation names its own grace.
    public var keyGracePeriod: Duration
    public var randomSeed: UInt64
    /// The payment host's first key; nil generates an RSA-2048 key at start (key generation is the slowest
    /// part of starting, so tests share one).
    public var paymentKey: CardKeyPair?

    public init(
        host: String = "127.0.0.1", port: Int = 9100, catalogPath: String = SimulatorConfiguration.defaultCatalogPath,
        tokenLifetime: Duration = .seconds(3600), keyGracePeriod: Duration = .seconds(60), randomSeed: UInt64 = 1,
        paymentKey: CardKeyPair? = nil
    ) {
        self.host = host
        self.port = port
        self.catalogPath = catalogPath
        self.tokenLifetime = tokenLifetime
        self.keyGracePeriod = keyGracePeriod
        self.randomSeed = randomSeed
        self.paymentKey = paymentKey
    }

    static let catalogRelativePath = "config/simulator-catalog.json"

    /// `config/simulator-catalog.json` in the current directory when it exists there, else in the package this
    /// source file was built from (so tests and `swift run` find it from anywhere in the checkout).
    public static var defaultCatalogPath: String {
        let local = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent(catalogRelativePath)
        if FileManager.default.fileExists(atPath: local.path) { return local.path }
        // This file is <root>/Sources/FullCartSimulator/SimulatorConfiguration.swift.
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.appendingPathComponent(catalogRelativePath).path
    }
}
