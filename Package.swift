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
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "attune", targets: ["attune"]),
        .library(name: "HTTPServer", targets: ["HTTPServer"]),
        .library(name: "AttuneCore", targets: ["AttuneCore"]),
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

        // A lock whose waiters sleep instead of spinning (see Lock.swift).
        .target(name: "Locking", swiftSettings: strict),

        // HTTP/1.1 on sockets and Dispatch; knows nothing about therapy.
        .target(
            name: "HTTPServer",
            dependencies: [
                "Locking",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        // Models, definitions, scoring: pure, no I/O.
        .target(name: "AttuneCore", swiftSettings: strict),
        // The Store protocol and its SQLite implementation.
        .target(
            name: "AttuneStore",
            dependencies: [
                "AttuneCore",
                "CSQLite",
                "Locking",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Maps HTTP to the core and the store.
        .target(
            name: "AttuneServer",
            dependencies: [
                "HTTPServer",
                "AttuneCore",
                "AttuneStore",
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
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // Helpers the test targets share; never linked into the product.
        .target(name: "AttuneTesting", dependencies: ["CSQLite"], swiftSettings: strict),

        .testTarget(name: "LockingTests", dependencies: ["Locking"], swiftSettings: strict),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer"], swiftSettings: strict),
        .testTarget(name: "AttuneCoreTests", dependencies: ["AttuneCore"], swiftSettings: strict),
        .testTarget(name: "AttuneStoreTests", dependencies: ["AttuneStore", "AttuneTesting"], swiftSettings: strict),
        .testTarget(
            name: "AttuneServerTests",
            dependencies: ["AttuneServer", "HTTPServer", "AttuneTesting"],
            swiftSettings: strict
        ),
    ]
)
