// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "smokegate",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "smokegate", targets: ["smokegate"]),
        .library(name: "SmokegateCore", targets: ["SmokegateCore"]),
        .library(name: "SmokegateHistory", targets: ["SmokegateHistory"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // History (issue 15): one SQL layer over SQLite (bundled by sqlite-nio) and PostgreSQL (over postgres-nio).
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
    ],
    targets: [
        // libcurl, the HTTP engine: a system library plus fixed-signature shims over its variadics.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CCurlShims", dependencies: ["CCurl"]),
        // libxml2 for JUnit writing and XPath on response bodies.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),

        /// The Swift face of libcurl: one multi-handle thread, transfers as async calls.
        .target(name: "SmokegateCurl", dependencies: ["CCurl", "CCurlShims"]),
        /// Response bodies and report documents: JSON values and paths, XPath over XML / HTML, a safe XML writer.
        .target(name: "SmokegateDocuments", dependencies: ["CLibXML2"]),
        /// Probes that speak their own protocol over SwiftNIO: TCP (send / expect, TLS), Redis (RESP), PostgreSQL.
        .target(
            name: "SmokegateProbes",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        /// Everything but argument parsing: config, planning, engine, statistics, verdict, reports.
        .target(
            name: "SmokegateCore",
            dependencies: [
                "SmokegateCurl", "SmokegateDocuments", "SmokegateProbes",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        /// Run history in SQLite or PostgreSQL: schema and migrations, plain records, writes, queries, retention.
        .target(
            name: "SmokegateHistory",
            dependencies: [
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        /// Deterministic made-up runs and rollups for the history tests and measurements.
        .target(name: "SmokegateHistoryFixtures", dependencies: ["SmokegateHistory"]),
        /// The history tests' helper processes (concurrent writers, a writer killed with SIGKILL) and the
        /// size and write-cost measurements of scripts/bench/history-size.
        .executableTarget(name: "smokegate-history-tool", dependencies: ["SmokegateHistory", "SmokegateHistoryFixtures"]),
        /// In-process HTTP / TCP servers: the demo's blue and green services and the tests' fixtures.
        .target(
            name: "SmokegateFixtures",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .executableTarget(
            name: "smokegate",
            dependencies: [
                "SmokegateCore", "SmokegateFixtures",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SmokegateCurlTests", dependencies: ["SmokegateCurl", "SmokegateFixtures"]),
        .testTarget(name: "SmokegateDocumentsTests", dependencies: ["SmokegateDocuments"]),
        .testTarget(name: "SmokegateProbesTests", dependencies: ["SmokegateProbes", "SmokegateFixtures"]),
        .testTarget(name: "SmokegateCoreTests", dependencies: ["SmokegateCore", "SmokegateFixtures"]),
        .testTarget(name: "SmokegateCLITests", dependencies: ["SmokegateCore", "SmokegateFixtures"]),
        .testTarget(
            name: "SmokegateHistoryTests",
            dependencies: ["SmokegateHistory", "SmokegateHistoryFixtures", .product(name: "SQLKit", package: "sql-kit")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
