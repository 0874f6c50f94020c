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
        ("", "no scheme"),
        ("data/cartbridge.sqlite", "no scheme"),
        (":memory:", "empty scheme"),
        ("sqlite:", "no file path"),
        ("sqlite://data/store.sqlite", "sqlite:// is not supported"),
        ("mysql://root:hunter2@db/cartbridge", "unsupported storage URL scheme \"mysql\""),
        ("postgres://bridge:hunter2@db:5432/cartbridge", "PostgreSQL support is not built yet"),
        ("postgresql://bridge:hunter2@db/cartbridge", "PostgreSQL support is not built yet"),
    ])
    func invalidURLsNameTheProblem(text: String, problem: String) {
        let error = #expect(throws: StoreError.self) { try StorageURL(parsing: text) }
        #expect(error?.kind == .invalidConfiguration)
        #expect(error?.message.contains(problem) == true, "\(String(describing: error))")
        #expect(error?.message.contains("hunter2") == false)
    }
}
