import Foundation
import GRDB

/// A SQLite database kept in git as SQL text (reviewable, no binary state), rebuilt into a file for a test.
public enum SQLiteFixture {
    /// Runs the SQL script `dump` into a new database file at `file`.
    public static func restore(_ dump: URL, to file: URL) throws {
        let script = try String(contentsOf: dump, encoding: .utf8)
        let queue = try DatabaseQueue(path: file.path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: script) }
        try queue.close()
    }
}
