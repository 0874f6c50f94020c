import StoreTestSupport
import BridgeStoreDatabases
import BridgeStore
import Foundation
import Logging
import Testing

/// One way to get a fresh, empty store. Every store test runs against each of `StoreFactory.all`:
/// SQLite always, PostgreSQL when `CARTBRIDGE_TEST_POSTGRES_URL` names a server where the tests may create
/// and drop databases (`scripts/postgres-test-server start` prints one).
struct StoreFactory: Sendable, CustomTestStringConvertible {
    let name: String
    /// Whether data outlives `close()` and a reopen of the same URL.
    let isPersistent: Bool
    private let makeLocation: @Sendable () async throws -> StoreLocation

    static let sqliteFile = StoreFactory(name: "SQLite file", isPersistent: true) {
        let folder = FileManager.default.temporaryDirectory.appending(path: "bridgestore-\(UUID().uuidString)")
        return StoreLocation(url: "sqlite:\(folder.path)/data/store.sqlite") {
            try? FileManager.default.removeItem(at: folder)
        }
    }

    static let sqliteInMemory = StoreFactory(name: "SQLite in memory", isPersistent: false) {
        StoreLocation(url: "sqlite::memory:") {}
    }

    static let postgresAdminURL = PostgresTestDatabase.adminURL

    static let postgres: StoreFactory? = postgresAdminURL.map { adminURL in
        StoreFactory(name: "PostgreSQL", isPersistent: true) {
            let database = try await PostgresTestDatabase.create(adminURL: adminURL)
            return StoreLocation(url: database.url) { try? await database.drop() }
        }
    }

    static let all = [sqliteFile, sqliteInMemory] + (postgres.map { [$0] } ?? [])
    static let persistent = all.filter(\.isPersistent)

    var testDescription: String { name }

    func makeStoreLocation() async throws -> StoreLocation {
        try await makeLocation()
    }
}

/// A storage URL and what to remove when the test is done.
struct StoreLocation: Sendable {
    let url: String
    let remove: @Sendable () async -> Void

    /// Opens the store at `url` for the length of `body` (PostgreSQL stores live only that long).
    func withStore<T>(_ body: (any BridgeStore) async throws -> T) async throws -> T {
        try await BridgeStores.withStore(url: url, logger: Logger(label: "BridgeStoreTests"), body)
    }
}

/// Opens a fresh store, runs `body`, then closes the store and removes its data, whatever happens.
func withStore<T>(_ factory: StoreFactory, _ body: (any BridgeStore) async throws -> T) async throws -> T {
    let location = try await factory.makeStoreLocation()
    let result: Result<T, any Error>
    do {
        result = .success(try await location.withStore(body))
    } catch {
        result = .failure(error)
    }
    await location.remove()
    return try result.get()
}
