import BridgeStore
import Testing

@Suite("Storage URLs")
struct StorageURLTests {
    @Test(arguments: [
        ("sqlite:data/cartbridge.sqlite", StorageURL.sqliteFile(path: "data/cartbridge.sqlite")),
        ("sqlite:/var/lib/cartbridge/store.sqlite", .sqliteFile(path: "/var/lib/cartbridge/store.sqlite")),
        ("SQLite:store.db", .sqliteFile(path: "store.db")),
        ("sqlite::memory:", .sqliteInMemory),
    ])
    func validURLs(text: String, expected: StorageURL) throws {
        #expect(try StorageURL(parsing: text) == expected)
    }

    @Test(arguments: [
        ("postgres://bridge:hunter2@db:5432/cartbridge", "postgres://bridge:***@db:5432/cartbridge"),
        ("postgres://bridge@db/cartbridge", "postgres://bridge@db/cartbridge"),
        ("sqlite:.cartbridge/cartbridge.sqlite", "sqlite:.cartbridge/cartbridge.sqlite"),
    ])
    func redactionHidesPasswords(text: String, shown: String) {
        #expect(StorageURL.redacted(text) == shown)
    }

    @Test func postgresURLsGiveEveryPart() throws {
        guard case .postgres(let full) = try StorageURL(parsing: "postgres://bridge:p%40ss@db.internal:6543/cartbridge?sslmode=require")
        else { Issue.record("not a PostgreSQL location"); return }
        #expect(full.host == "db.internal")
        #expect(full.port == 6543)
        #expect(full.user == "bridge")
        #expect(full.password == "p@ss")
        #expect(full.database == "cartbridge")
        #expect(full.tls == .require)

        guard case .postgres(let minimal) = try StorageURL(parsing: "postgresql://bridge@localhost/cb") else {
            Issue.record("not a PostgreSQL location"); return
        }
        #expect(minimal.port == 5432)
        #expect(minimal.password == nil)
        #expect(minimal.tls == .prefer)
    }

    @Test(arguments: [
        ("", "no scheme"),
        ("data/cartbridge.sqlite", "no scheme"),
        (":memory:", "empty scheme"),
        ("sqlite:", "no file path"),
        ("sqlite://data/store.sqlite", "sqlite:// is not supported"),
        ("mysql://root:hunter2@db/cartbridge", "unsupported storage URL scheme \"mysql\""),
        ("postgres://bridge:hunter2@/cartbridge", "cannot be parsed"),
        ("postgres://:hunter2@db/cartbridge", "no user name"),
        ("postgres://bridge:hunter2@db", "one database name"),
        ("postgres://bridge:hunter2@db/a/b", "one database name"),
        ("postgres://bridge:hunter2@db/cartbridge?sslmode=verify-full", "sslmode must be"),
        ("postgres://bridge:hunter2@db/cartbridge?search_path=x", "unsupported postgres:// URL parameter"),
    ])
    func invalidURLsNameTheProblem(text: String, problem: String) {
        let error = #expect(throws: StoreError.self) { try StorageURL(parsing: text) }
        #expect(error?.kind == .invalidConfiguration)
        #expect(error?.message.contains(problem) == true, "\(String(describing: error))")
        #expect(error?.message.contains("hunter2") == false)
    }
}
