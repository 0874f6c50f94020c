import Foundation

/// Where the store keeps its data, parsed from configuration:
/// `sqlite:PATH` (relative to the working directory, or absolute), `sqlite::memory:` (tests),
/// and `postgres://user:password@host:port/database?sslmode=disable|prefer|require`.
public enum StorageURL: Sendable, Equatable {
    case sqliteFile(path: String)
    case sqliteInMemory
    case postgres(PostgresLocation)

    /// Error messages name the problem and the scheme, never the whole URL: it may hold a password.
    public init(parsing text: String) throws(StoreError) {
        guard let colon = text.firstIndex(of: ":") else {
            throw .invalidConfiguration(
                "storage URL has no scheme; expected sqlite:PATH, sqlite::memory: or postgres://…"
            )
        }
        let scheme = text[..<colon].lowercased()
        let rest = text[text.index(after: colon)...]
        switch scheme {
        case "sqlite":
            self = try Self.sqlite(rest)
        case "postgres", "postgresql":
            self = .postgres(try PostgresLocation(parsing: text))
        case "":
            throw .invalidConfiguration("storage URL has an empty scheme; expected sqlite: or postgres:")
        default:
            throw .invalidConfiguration("unsupported storage URL scheme \"\(scheme)\"; expected sqlite: or postgres:")
        }
    }

    private static func sqlite(_ location: Substring) throws(StoreError) -> StorageURL {
        if location == ":memory:" {
            return .sqliteInMemory
        }
        if location.isEmpty {
            throw .invalidConfiguration("sqlite: storage URL has no file path; write sqlite:PATH")
        }
        // `sqlite://x/y` reads like a host and a path; the SQLAlchemy forms (`sqlite:///…`) disagree on
        // what it means, so refuse it rather than guess.
        if location.hasPrefix("//") {
            throw .invalidConfiguration("sqlite:// is not supported; write sqlite:/absolute/path or sqlite:relative/path")
        }
        return .sqliteFile(path: String(location))
    }
}

extension StorageURL {
    /// `text` with any password replaced by `***`, for logs and reports.
    public static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? text
    }
}
