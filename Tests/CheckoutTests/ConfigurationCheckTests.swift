import Bridge
import BridgeStoreDatabases
import Foundation
import FullCartAPI
import FullCartSimulator
import MedusaV1
import Testing

/// `cartbridge check-config`'s checks against a real simulator, a fresh SQLite file and an empty key folder.
@Suite struct ConfigurationCheckTests {
    @Test func everythingPassesAgainstTheSimulator() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("check-config-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = BridgeConfiguration()
        configuration.storage.url = "sqlite:\(folder.appendingPathComponent("cartbridge.sqlite").path)"
        configuration.keys.directory = folder.appendingPathComponent("keys").path
        configuration.accounts.secretFile = folder.appendingPathComponent("account-secret").path
        let http = FullCartHTTPClient.make()
        let simulator = SimulatorConfiguration(port: 0, paymentKey: Shared.simulatorKey)
        let results = try await FullCartSimulator.withRunning(configuration: simulator, logger: Shared.quietLogger) {
            url in
            await ConfigurationCheck.run(
                configuration, tables: MedusaV1Checks.tables(configuration, mappingsDirectory: Shared.mappingsDirectory),
                merchants: Shared.domains.map { domain in
                    FullCartClient(
                        merchant: FullCartMerchant(
                            domain: domain, apiBaseURL: url.absoluteString, paymentBaseURL: url.absoluteString,
                            appID: Shared.appID),
                        http: http, logger: Shared.quietLogger, observers: [])
                },
                openStore: { url, body in try await BridgeStores.withStore(url: url, logger: Shared.quietLogger, body) })
        }
        try await http.shutdown()
        #expect(
            results.map(\.name) == [
                "mapping tables", "regions", "store", "card keys", "account secret",
                "apparel.example session", "apparel.example catalog", "apparel.example payment key",
                "home.example session", "home.example catalog", "home.example payment key",
            ])
        #expect(results.allSatisfy { $0.passed }, "\(CheckReport.render(results))")
        #expect(results.first { $0.name == "apparel.example catalog" }?.detail == "14 products")
        #expect(results.first { $0.name == "card keys" }?.detail.contains("serve generates one") == true)
        #expect(results.first { $0.name == "account secret" }?.detail.contains("serve makes one") == true)
    }

    @Test func anUnreachableMerchantFailsItsChecks() async throws {
        let http = FullCartHTTPClient.make()
        let down = FullCartClient(
            merchant: FullCartMerchant(
                domain: "down.example", apiBaseURL: "http://127.0.0.1:1", paymentBaseURL: "http://127.0.0.1:1",
                appID: Shared.appID),
            http: http, configuration: FullCartClientConfiguration(retry: .none), logger: Shared.quietLogger,
            observers: [])
        let results = await ConfigurationCheck.probe(down)
        try await http.shutdown()
        #expect(results.map(\.passed) == [false, false, false])
        #expect(results[1].detail == "skipped: no session")
    }
}
