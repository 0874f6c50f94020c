import BridgeStore
import CardCrypto
import Foundation
import FullCartAPI

/// `cartbridge check-config` once the configuration has loaded: the mapping tables and regions (checked by the
/// adapter that reads them, `tables`), the store (opened and pinged), the card keys, and each merchant (a device
/// session, the catalog, the payment key).
public enum ConfigurationCheck {
    public static func run(
        _ configuration: BridgeConfiguration, tables: [HealthCheck], merchants: [any FullCartMerchantAPI],
        openStore: @escaping StoreOpening
    ) async -> [CheckResult] {
        var results: [CheckResult] = []
        for check in tables {
            results.append(await check.run())
        }
        results += [
            await store(url: configuration.storage.url, openStore).run(),
            await cardKeys(configuration).run(),
            await accountSecret(configuration).run(),
        ]
        for merchant in merchants {
            results += await probe(merchant)
        }
        return results
    }

    /// Opens the store at a URL, runs the body with it and closes it (the composition root owns the drivers).
    public typealias StoreOpening = @Sendable (
        _ url: String, _ body: @Sendable (any BridgeStore) async throws -> Void
    ) async throws -> Void

    static func store(url: String, _ openStore: @escaping StoreOpening) -> HealthCheck {
        HealthCheck("store") {
            try await openStore(url) { store in try await store.ping() }
            return "\(StorageURL.redacted(url)) opened and reachable"
        }
    }

    /// With SQLite `serve` generates the first key itself, so a folder without one is fine there; with
    /// PostgreSQL it never does (each instance would mint its own). An unreadable or exposed key fails either way.
    static func cardKeys(_ configuration: BridgeConfiguration) -> HealthCheck {
        HealthCheck("card keys") {
            let directory = URL(fileURLWithPath: configuration.keys.directory)
            do {
                let contents = try CardKeyStore.load(directory: directory, retirement: configuration.keyRetirement)
                let retired = contents.retired.isEmpty ? "" : "; retired: \(contents.retired.joined(separator: ", "))"
                let rotate = contents.currentIsPastRetirement ? ReadinessChecks.rotateAdvice : ""
                return "\(contents.store.keyPairs.count) in \(directory.path), current kid \(contents.store.current.kid)\(retired)\(rotate)"
            } catch CardKeyError.keyFolderMissing, CardKeyError.keyFolderEmpty
                where configuration.storage.isSingleInstance
            {
                return "none usable in \(directory.path) yet: serve generates one on start (SQLite, one instance)"
            }
        }
    }

    /// Like the card keys: SQLite's single instance makes the secret on start; instances sharing PostgreSQL must
    /// be given one file, so a missing one fails there.
    static func accountSecret(_ configuration: BridgeConfiguration) -> HealthCheck {
        HealthCheck("account secret") {
            let path = configuration.accounts.secretFile
            if configuration.storage.isSingleInstance, !FileManager.default.fileExists(atPath: path) {
                return "none in \(path) yet: serve makes one on start (SQLite, one instance)"
            }
            let secret = try AccountSecret.load(path: path, createIfMissing: false)
            return "\(secret.count) bytes in \(path)"
        }
    }

    /// Session first: the catalog needs it.
    public static func probe(_ merchant: any FullCartMerchantAPI) async -> [CheckResult] {
        let domain = merchant.merchant.domain
        let (session, device) = await HealthCheck.measure(
            "\(domain) session", { try await merchant.createSession() }, detail: { _ in "device session created" })
        let catalog: CheckResult
        if let device {
            catalog = await HealthCheck("\(domain) catalog") {
                "\(try await merchant.products(page: 1, size: 2000, session: device).value.count) products"
            }.run()
        } else {
            catalog = CheckResult(
                name: "\(domain) catalog", passed: false, detail: "skipped: no session", duration: .zero)
        }
        let key = await HealthCheck("\(domain) payment key") { "kid \(try await merchant.paymentKey().kid)" }.run()
        return [session, catalog, key]
    }
}
