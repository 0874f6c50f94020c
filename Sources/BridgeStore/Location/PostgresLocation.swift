import Foundation

/// Where a PostgreSQL store lives, from `postgres://user:password@host:port/database?sslmode=…`.
/// `sslmode` is libpq's: `disable`, `prefer` (the default) or `require` (no certificate checks beyond the
/// system's defaults); other query parameters are refused so a typo is not silently ignored.
public struct PostgresLocation: Sendable, Equatable {
    public enum TLSMode: String, Sendable, Equatable {
        case disable, prefer, require
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    /// Errors name the problem, never the URL: it may hold a password.
    init(parsing text: String) throws(StoreError) {
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw .invalidConfiguration("the postgres:// storage URL cannot be parsed; expected postgres://user:password@host:port/database")
        }
        guard let user = components.user, !user.isEmpty else {
            throw .invalidConfiguration("the postgres:// storage URL has no user name")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw .invalidConfiguration("the postgres:// storage URL needs one database name as its path")
        }
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode" else {
                throw .invalidConfiguration("unsupported postgres:// URL parameter \"\(item.name)\"; only sslmode is understood")
            }
            guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                throw .invalidConfiguration("sslmode must be disable, prefer or require")
            }
            tls = mode
        }
        self.host = host
        port = components.port ?? 5432
        self.user = components.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? user
        password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        self.database = database
        self.tls = tls
    }
}
