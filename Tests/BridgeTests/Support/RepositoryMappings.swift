@testable import MedusaV1
import Bridge
import Foundation

/// The repository's own `mappings/`, found from this file's path, so tests read exactly what ships.
enum RepositoryMappings {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // BridgeTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .appendingPathComponent("mappings")

    // Loaded once; a failure shows the loader's own message in every test that uses it.
    static let tables: Result<MappingTables, MappingTableError> = Result { () throws(MappingTableError) in
        try MappingTables.load(directory: directory)
    }

    static func load() throws -> MappingTables {
        try tables.get()
    }

    /// The Medusa v1 adapter's error envelope table, from the same folder.
    static func errorCodes() throws -> ErrorCodeTable {
        try ErrorCodeTable.load(directory: directory)
    }
}

/// A scratch `mappings/` folder holding the given files, for loader failure tests.
struct ScratchMappings {
    let directory: URL

    init(_ files: [String: String]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mappings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }
    }

    /// The repository's file with one text replacement, so a test changes exactly one thing.
    static func repositoryFile(_ name: String, replacing old: String, with new: String) throws -> ScratchMappings {
        let text = try String(contentsOf: RepositoryMappings.directory.appendingPathComponent(name), encoding: .utf8)
        precondition(text.contains(old), "\(name) no longer contains \(old)")
        return try ScratchMappings([name: text.replacingOccurrences(of: old, with: new)])
    }
}
