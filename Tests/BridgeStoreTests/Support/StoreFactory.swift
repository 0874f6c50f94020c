import BridgeStore
import Foundation
import Logging
import Testing

/// One way to get a fresh, empty store. Every store test runs against each of `StoreFactory.all`;
/// the PostgreSQL store joins the list when it exists.
struct StoreFactory: Sendable, CustomTestStringConvertible {
    let name: String
    /// Whether data outlives `close()` and a reopen of the same URL.
    let isPersistent: Bool
    private let makeLocation: @Sendable () -> StoreLocation

    static let sqliteFile = StoreFactory(name: "SQLite file", isPersistent: true) {
        let folder = FileManager.default.temporaryDirectory.appending(path: "bridgestore-\(UUID().uuidString)")
        return StoreLocation(url: "sqlite:\(folder.path)/data/store.sqlite", folder: folder)
    }

    static let sqliteInMemory = StoreFactory(name: "SQLite in memory", isPersistent: false) {
        StoreLocation(url: "sqlite::memory:", folder: nil)
    }

    static let all = [sqliteFile, sqliteInMemory]
    static let persistent = all.filter(\.isPersistent)

    var testDescription: String { name }

    func makeStoreLocation() -> StoreLocation {
        makeLocation()
    }
}

/// A storage URL and what to remove when the test is done.
struct StoreLocation: Sendable {
    let url: String
    let folder: URL?

    func open() async throws -> any BridgeStore {
        try await BridgeStores.open(url: url, logger: Logger(label: "BridgeStoreTests"))
    }

    func remove() {
        if let folder {
            try? FileManager.default.removeItem(at: folder)
        }
    }
}

/// Opens a fresh store, runs `body`, then closes the store and removes its files, whatever happens.
func withStore<T>(_ factory: StoreFactory, _ body: (any BridgeStore) async throws -> T) async throws -> T {
    let location = factory.makeStoreLocation()
    defer { location.remove() }
    let store = try await location.open()
    let result: Result<T, any Error>
    do {
        result = .success(try await body(store))
    } catch {
        result = .failure(error)
    }
    try await store.close()
    return try result.get()
}
