// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "CartBridge",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cartbridge", targets: ["CartBridgeCLI"]),
        .library(name: "CardCrypto", targets: ["CardCrypto"]),
        .library(name: "FullCartAPI", targets: ["FullCartAPI"]),
        .library(name: "FullCartSimulator", targets: ["FullCartSimulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // Compact JWE (RSA-OAEP-256 + A256GCM), key store, card payload validation.
        .target(
            name: "CardCrypto",
            dependencies: [
                .target(name: "CLibcryptoRSA", condition: .when(platforms: [.linux])),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // The RSA-OAEP private operation through the system's libcrypto (OpenSSL 3, Debian's libssl-dev): about
        // twice as fast as swift-crypto's BoringSSL here. CardCrypto falls back to swift-crypto without it.
        .target(name: "CLibcryptoRSA", linkerSettings: [.linkedLibrary("crypto")]),
        // Medusa v1 Store API wire types: responses as the OAS shapes them, strict request bodies, errors, ids.
        // A JSON value for the objects both APIs pass through untyped (metadata, add_to_cart_ref).
        .target(name: "WireJSON"),
        // A thread-safe dictionary with a bound, for the caches of decoded and rendered carts.
        .target(name: "BoundedCache"),
        // Ids handed to browsers: `<prefix>_<ULID>` with 80 fresh CSPRNG bits (Medusa's format, used by the core).
        .target(name: "BridgeIDs"),
        .target(name: "MedusaAPI", dependencies: ["WireJSON", "BridgeIDs"]),
        // What CartBridge keeps: carts, card JWEs with a TTL, orders, idempotency records: the protocol, its
        // records and errors, and the storage URL. No database driver: the core depends on this alone.
        .target(name: "BridgeStore"),
        // The two implementations, SQLite (GRDB) and PostgreSQL (PostgresNIO), and the opener that picks one.
        .target(
            name: "BridgeStoreDatabases",
            dependencies: [
                "BridgeStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The domain: configuration, mapping tables, Medusa ↔ Full Cart translation, catalog and checkout services.
        .target(
            name: "Bridge",
            dependencies: [
                "BoundedCache",
                "BridgeIDs",
                "WireJSON",
                "FullCartAPI",
                "CardCrypto",
                "BridgeStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The Medusa v1 Store API over the core: request → command, rendering, and the one place a core error
        // becomes Medusa's envelope (through mappings/). A v2 adapter would sit beside it.
        .target(
            name: "MedusaV1",
            dependencies: [
                "BoundedCache",
                "Bridge",
                "MedusaAPI",
                "FullCartAPI",
                "CardCrypto",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The HTTP edge: Medusa v1 Store API routes, middleware, error envelope.
        .target(
            name: "BridgeServer",
            dependencies: [
                "Bridge",
                "MedusaAPI",
                "MedusaV1",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Full Cart wire types and the pooled HTTP client for merchants.
        .target(
            name: "FullCartAPI",
            dependencies: [
                "BoundedCache",
                "CardCrypto",
                "WireJSON",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A Full Cart merchant as a real HTTP server, for development, tests and the embedded default.
        .target(
            name: "FullCartSimulator",
            dependencies: [
                "FullCartAPI",
                "WireJSON",
                "CardCrypto",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "CartBridgeCLI",
            dependencies: [
                "CardCrypto",
                "FullCartSimulator",
                "Bridge",
                "BridgeServer",
                "BridgeStore",
                "BridgeStoreDatabases",
                "FullCartAPI",
                "MedusaV1",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A database of its own per PostgreSQL test, and SQLite files rebuilt from SQL fixtures (shared by the
        // store and fixture tests).
        .target(
            name: "StoreTestSupport",
            dependencies: [
                "BridgeStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/StoreTestSupport"
        ),
        .testTarget(
            name: "CardCryptoTests",
            dependencies: ["CardCrypto", .product(name: "CryptoExtras", package: "swift-crypto")]
        ),
        .testTarget(name: "MedusaAPITests", dependencies: ["MedusaAPI"]),
        .testTarget(
            name: "BridgeStoreTests",
            dependencies: [
                "BridgeStore",
                "BridgeStoreDatabases",
                "StoreTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "BridgeTests",
            dependencies: [
                "BoundedCache", "Bridge", "BridgeStore", "BridgeStoreDatabases", "StoreTestSupport", "MedusaAPI", "MedusaV1",
                "FullCartAPI", "CardCrypto",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "CheckoutTests",
            dependencies: [
                "Bridge",
                "BridgeStore",
                "BridgeStoreDatabases",
                "CardCrypto",
                "FullCartAPI",
                "FullCartSimulator",
                "MedusaAPI",
                "MedusaV1",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "BridgeServerTests",
            dependencies: [
                "BridgeServer",
                "Bridge",
                "CardCrypto",
                "MedusaV1",
                "BridgeStoreDatabases",
                "MedusaAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(name: "FullCartAPITests", dependencies: ["FullCartAPI"]),
        .testTarget(
            name: "FullCartSimulatorTests",
            dependencies: [
                "FullCartSimulator",
                "FullCartAPI",
                "CardCrypto",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "FullCartIntegrationTests",
            dependencies: [
                "FullCartAPI",
                "FullCartSimulator",
                "CardCrypto",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
