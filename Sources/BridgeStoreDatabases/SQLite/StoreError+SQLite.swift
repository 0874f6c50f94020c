import BridgeStore
import GRDB

extension StoreError {
    /// Maps what GRDB throws to a `StoreError`; a `StoreError` thrown inside a transaction passes unchanged.
    /// Messages carry SQLite's message, never the SQL arguments (card JWEs are arguments).
    init(sqlite error: any Error, while action: String) {
        switch error {
        case let error as StoreError:
            self = error
        case is CancellationError:
            self = .cancelled("\(action): cancelled")
        case let error as DatabaseError:
            self.init(Self.kind(of: error), "\(action): SQLite error \(error.resultCode.rawValue): \(error.message ?? "")")
        case is RowDecodingError:
            // Its description quotes the row, which may hold a JWE.
            self = .corrupt("\(action): a stored row has an unexpected type or NULL")
        default:
            self = .unavailable("\(action): \(error)")
        }
    }

    private static func kind(of error: DatabaseError) -> Kind {
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_PRIMARYKEY, .SQLITE_CONSTRAINT_UNIQUE:
            return .duplicate
        default:
            break
        }
        switch error.resultCode {
        case .SQLITE_INTERRUPT, .SQLITE_ABORT:
            return .cancelled
        case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_CANTOPEN, .SQLITE_IOERR, .SQLITE_FULL, .SQLITE_READONLY,
            .SQLITE_PERM, .SQLITE_NOMEM, .SQLITE_MISUSE, .SQLITE_PROTOCOL, .SQLITE_NOLFS, .SQLITE_AUTH:
            return .unavailable  // SQLITE_MISUSE: GRDB's answer once the database is closed.
        default:
            return .corrupt  // CORRUPT, NOTADB, a missing table or column, another constraint…
        }
    }
}
