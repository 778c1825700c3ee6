// swift-tools-version:6.1
import PackageDescription

// Every target gets the same strictness (as Hummingbird and swift-subprocess do).
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "attune",
    // Linux only (Debian's toolchain and -dev packages): HTTPServer's Socket+Linux.swift uses Glibc and
    // Linux socket options and stops a build elsewhere with #error, so no Apple platform is declared.
    products: [
        .executable(name: "attune", targets: ["attune"]),
        .library(name: "HTTPServer", targets: ["HTTPServer"]),
        .library(name: "AttuneJSON", targets: ["AttuneJSON"]),
        .library(name: "AttuneCore", targets: ["AttuneCore"]),
        .library(name: "AttuneClient", targets: ["AttuneClient"]),
        .executable(name: "attune-smoke", targets: ["attune-smoke"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    ],
    targets: [
        // C libraries from Debian's -dev packages, each behind a thin safe Swift layer.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // libcurl (OpenSSL flavour) with typed wrappers for its variadic setopt/getinfo.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),

        // A lock whose waiters sleep instead of spinning (see Lock.swift).
        .target(name: "Locking", swiftSettings: strict),

        // HTTP/1.1 on sockets and Dispatch; knows nothing about therapy.
        .target(
            name: "HTTPServer",
            dependencies: [
                // For JSON string escaping in problem bodies: one escaper in the package, and AttuneJSON
                // depends on nothing, so HTTPServer still ships without any of the domain.
                "AttuneJSON",
                "Locking",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        // A strict, byte-level JSON scanner, reader and writer, pointers and RFC 8785 canonical form;
        // knows nothing of therapy (the SDK shares it with the server).
        .target(name: "AttuneJSON", swiftSettings: strict),
        // Models, definitions, scoring: pure, no I/O.
        .target(name: "AttuneCore", dependencies: ["AttuneJSON"], swiftSettings: strict),
        // The Store protocol, its models and the rules applied on write, for every backend.
        .target(
            name: "AttuneStore",
            dependencies: [
                "AttuneCore",
                "Locking",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The embedded backend: SQL, connections, the group-committing writer. It stores; it does not decide.
        .target(
            name: "AttuneSQLite",
            dependencies: [
                "AttuneStore",
                "AttuneCore",
                "CSQLite",
                "Locking",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // Maps HTTP to the core and the store.
        .target(
            name: "AttuneServer",
            dependencies: [
                "HTTPServer",
                "AttuneJSON",
                "AttuneCore",
                "AttuneStore",
                "AttuneSQLite",
                "Locking",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "attune",
            dependencies: [
                "AttuneServer",
                "AttuneStore",
                "AttuneSQLite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The Swift SDK: the API over libcurl, with the server's wire models from AttuneCore and nothing of
        // the server, the store or HTTPServer, so a practice that adds it builds no server code.
        .target(
            name: "AttuneClient",
            dependencies: ["AttuneCore", "AttuneJSON", "CCurl"],
            swiftSettings: strict
        ),
        // Checks a running deployment end to end through the SDK.
        .executableTarget(
            name: "attune-smoke",
            dependencies: [
                "AttuneClient",
                "AttuneCore",
                "AttuneJSON",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // The SDK's overhead against plain curl (Benchmarks/sdk.sh); not a product.
        .executableTarget(
            name: "attune-sdk-benchmark",
            dependencies: ["AttuneClient", "AttuneCore", "AttuneJSON"],
            swiftSettings: strict
        ),

        // Helpers the test targets share; never linked into the product.
        .target(name: "AttuneTesting", dependencies: ["CSQLite"], swiftSettings: strict),

        .testTarget(name: "LockingTests", dependencies: ["Locking"], swiftSettings: strict),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "AttuneTesting"], swiftSettings: strict),
        .testTarget(name: "AttuneJSONTests", dependencies: ["AttuneJSON", "AttuneTesting"], swiftSettings: strict),
        .testTarget(
            name: "AttuneCoreTests",
            dependencies: ["AttuneCore", "AttuneJSON", "AttuneTesting"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AttuneStoreTests",
            dependencies: ["AttuneStore", "AttuneSQLite", "AttuneTesting"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AttuneServerTests",
            dependencies: ["AttuneServer", "AttuneSQLite", "AttuneJSON", "HTTPServer", "AttuneTesting"],
            swiftSettings: strict
        ),
        // The SDK against the real server (in-process on 127.0.0.1:0) and misbehaving socket servers.
        .testTarget(
            name: "AttuneClientTests",
            dependencies: [
                "AttuneClient",
                "AttuneCore",
                "AttuneJSON",
                "AttuneServer",
                "AttuneStore",
                "AttuneSQLite",
                "HTTPServer",
                "AttuneTesting",
            ],
            swiftSettings: strict
        ),
    ]
)
