import BridgeStoreDatabases
import BridgeStore
import Foundation
import Logging
import Testing

@Suite("SQLite files")
struct SQLiteFileTests {
    @Test func databaseFilesAreOwnerOnlyAndNewFoldersPrivate() async throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "bridgestore-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appending(path: "nested/data/store.sqlite")

        let store = try await BridgeStores.open(url: "sqlite:\(file.path)", logger: Logger(label: "test"))
        try await store.insertCart(cartRecord())

        #expect(try permissions(of: file.path) == 0o600)
        #expect(try permissions(of: file.path + "-wal") == 0o600)
        #expect(try permissions(of: root.appending(path: "nested").path) == 0o700)
        #expect(try permissions(of: root.appending(path: "nested/data").path) == 0o700)
        try await store.close()
    }

    @Test func aFileThatIsNotADatabaseIsReported() async throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "bridgestore-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let file = root.appending(path: "notes.txt")
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: file)

        let error = await #expect(throws: StoreError.self) {
            _ = try await BridgeStores.open(url: "sqlite:\(file.path)", logger: Logger(label: "test"))
        }
        #expect(error?.kind == .corrupt)
    }

    @Test func aSecondStoreOnTheSameFileIsRefusedUntilTheFirstCloses() async throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "bridgestore-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let url = "sqlite:\(root.appending(path: "store.sqlite").path)"
        let first = try await BridgeStores.open(url: url, logger: Logger(label: "test"))

        let error = await #expect(throws: StoreError.self) {
            _ = try await BridgeStores.open(url: url, logger: Logger(label: "test"))
        }
        #expect(error?.kind == .invalidConfiguration)
        #expect(error?.message.contains("another CartBridge process") == true)

        try await first.close()
        let second = try await BridgeStores.open(url: url, logger: Logger(label: "test"))
        try await second.close()
    }

    private func permissions(of path: String) throws -> Int? {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }
}
