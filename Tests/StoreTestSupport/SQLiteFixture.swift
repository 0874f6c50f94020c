import Foundation
import GRDB

/// A SQLite database kept in git as SQL text (reviewable, no binary state), rebuilt into a file for a test.
public enum SQLiteFixture {
    /// Runs the SQL script `dump` into a new database file at `file`.
    public static func restore(_ dump: URL, to file: URL) throws {
        try restore(script: try String(contentsOf: dump, encoding: .utf8), to: file)
    }

    /// Runs `script` (SQL statements) into a new database file at `file`.
    public static func restore(script: String, to file: URL) throws {
        let queue = try DatabaseQueue(path: file.path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: script) }
        try queue.close()
    }
}
