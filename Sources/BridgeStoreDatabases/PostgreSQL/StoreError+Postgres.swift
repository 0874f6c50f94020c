import BridgeStore
import PostgresNIO

extension StoreError {
    /// Messages carry the SQLSTATE and the action, never the query's values or the connection's credentials.
    init(postgres error: any Error, while action: String) {
        switch error {
        case let error as StoreError:
            self = error
        case let error as PostgresTransactionError:
            // What failed inside the transaction decides; a failed BEGIN or COMMIT is the database's.
            let cause: any Error = error.closureError ?? error.beginError ?? error.commitError ?? error
            self = cause is PostgresTransactionError ? .unavailable("\(action) failed") : StoreError(postgres: cause, while: action)
        case is CancellationError:
            self = .cancelled("\(action) was cancelled")
        case let error as PSQLError where error.code == .server:
            let state = error.serverInfo?[.sqlState] ?? "?"
            switch state {
            case "23505": self = .duplicate("\(action): unique constraint \(error.serverInfo?[.constraintName] ?? "?")")
            case "40001", "40P01", "55P03": self = .conflict("\(action): concurrent update (SQLSTATE \(state))")
            default: self = .unavailable("\(action) failed (SQLSTATE \(state))")
            }
        case let error as PSQLError:
            self = .unavailable("\(action) failed: PostgreSQL \(error.code)")
        case is PostgresDecodingError:
            self = .corrupt("\(action): a stored value does not have the expected type")
        default:
            self = .unavailable("\(action) failed: \(type(of: error))")
        }
    }
}
