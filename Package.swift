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
        // Already built for PostgresNIO; named here for the webhook signature's HMAC-SHA256.
        .package(url: "https://github.com/apple/swift-crypto", "3.9.0"..<"6.0.0"),
        // History (issue 15): one SQL layer over SQLite (bundled by sqlite-nio) and PostgreSQL (over postgres-nio).
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        // `smokegate serve`'s HTTP server. Hummingbird's default traits are off: they add swift-configuration (an
        // application config reader) and URL-form date styles, neither of which serve uses, for minutes of build.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // libcurl, the HTTP engine: a system library plus fixed-signature shims over its variadics.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CCurlShims", dependencies: ["CCurl"]),
        // libxml2 for JUnit writing and XPath on response bodies.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),

        /// The Swift face of libcurl: one multi-handle thread, transfers as async calls.
        .target(name: "SmokegateCurl", dependencies: ["SmokegateVocabulary", "CCurl", "CCurlShims"]),
        /// Response bodies and report documents: JSON values and paths, XPath over XML / HTML, a safe XML writer.
        .target(name: "SmokegateDocuments", dependencies: ["CLibXML2"]),
        /// Probes that speak their own protocol over SwiftNIO: TCP (send / expect, TLS), Redis (RESP), PostgreSQL,
        /// DNS (own codec, UDP / TCP); and gRPC health checks over SmokegateCurl's HTTP/2.
        .target(
            name: "SmokegateProbes",
            dependencies: [
                "SmokegateVocabulary",
                "SmokegateCurl",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // The core, in layers the compiler holds apart: data flows Config → Model → Engine → Stats → Verdict →
        // Reports, and SmokegateCore wires them into runs, watches and (later) the service. docs/architecture.md.
        /// The words every layer shares: failure reasons, check statuses, decisions, interruptions, exit codes.
        .target(name: "SmokegateVocabulary"),
        /// Plain Sendable values: suites, checks, environments, expectations, thresholds, samples, plans.
        .target(
            name: "SmokegateModel",
            dependencies: ["SmokegateVocabulary", "SmokegateCurl", "SmokegateDocuments", "SmokegateProbes"]
        ),
        /// YAML → a validated `Suite`, every problem located as file:line:column.
        .target(
            name: "SmokegateConfig",
            dependencies: ["SmokegateModel", "SmokegateVocabulary", "SmokegateCurl", "SmokegateDocuments", "SmokegateProbes",
                           .product(name: "Yams", package: "Yams")]
        ),
        /// Probing: plans, the runner, the scheduler, and each probe kind judged against its expectations.
        .target(
            name: "SmokegateEngine",
            dependencies: ["SmokegateModel", "SmokegateVocabulary", "SmokegateCurl", "SmokegateDocuments", "SmokegateProbes"]
        ),
        /// Samples folded into figures: percentiles, the statistical tests, downtime windows, version timelines.
        .target(
            name: "SmokegateStats",
            dependencies: ["SmokegateModel", "SmokegateVocabulary", .product(name: "Histogram", package: "hdrhistogram-swift")]
        ),
        /// Figures judged: per-check results, gates, comparisons and the decision, as one `RunReport`.
        .target(name: "SmokegateVerdict", dependencies: ["SmokegateModel", "SmokegateStats", "SmokegateVocabulary"]),
        /// The report formatted: JUnit XML, the JSON verdict, the console; files written atomically.
        .target(name: "SmokegateReports", dependencies: ["SmokegateVerdict", "SmokegateStats", "SmokegateModel", "SmokegateVocabulary", "SmokegateDocuments"]),
        /// Alerts: messages built from reports and from serve's targets, shaped for Slack, webhooks and PagerDuty, sent
        /// on their own queue through the engine; serve's incident state machine and the store it restores from.
        .target(
            name: "SmokegateAlerts",
            dependencies: ["SmokegateVocabulary", "SmokegateModel", "SmokegateEngine", "SmokegateStats", "SmokegateVerdict",
                           .product(name: "Crypto", package: "swift-crypto")]
        ),
        /// HTML for people: `serve`'s status page and the run / watch report (`report.html`) from templates that escape
        /// by default, with the SVG charts drawn in one place.
        .target(
            name: "SmokegateHTML",
            dependencies: ["SmokegateReports", "SmokegateVerdict", "SmokegateStats", "SmokegateModel", "SmokegateVocabulary", "SmokegateDocuments",
                           .product(name: "Mustache", package: "swift-mustache")]
        ),
        /// Runs and watches wired from the layers, and the process-level pieces (signals): what the executable calls.
        .target(
            name: "SmokegateCore",
            dependencies: ["SmokegateVocabulary", "SmokegateModel", "SmokegateConfig", "SmokegateEngine", "SmokegateStats",
                           "SmokegateVerdict", "SmokegateReports", "SmokegateAlerts"]
        ),
        /// Run history in SQLite or PostgreSQL: schema and migrations, plain records, writes, queries, retention.
        .target(
            name: "SmokegateHistory",
            dependencies: [
                "SmokegateStats",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        /// What a run or watch leaves in the history: reports mapped to records, labels from `--label` and CI variables,
        /// the runbook's deployment and rollback rows, the `history` command's tables; writes never change a verdict.
        .target(
            name: "SmokegateRecording",
            dependencies: ["SmokegateHistory", "SmokegateVerdict", "SmokegateModel", "SmokegateStats", "SmokegateVocabulary"]
        ),
        /// Deterministic made-up runs and rollups for the history tests and measurements.
        .target(name: "SmokegateHistoryFixtures", dependencies: ["SmokegateHistory", "SmokegateStats"]),
        /// The history tests' helper processes (concurrent writers, a writer killed with SIGKILL) and the
        /// size and write-cost measurements of scripts/bench/history-size.
        .executableTarget(name: "smokegate-history-tool", dependencies: ["SmokegateHistory", "SmokegateHistoryFixtures"]),
        /// `smokegate serve` as a service: the HTTP endpoints (metrics, health, status, verdict, reload, the page),
        /// the monitor run under swift-service-lifecycle with graceful shutdown, reload on SIGHUP, state-change logs.
        .target(
            name: "SmokegateService",
            dependencies: [
                "SmokegateCore", "SmokegateModel", "SmokegateEngine", "SmokegateStats", "SmokegateVerdict", "SmokegateReports",
                "SmokegateVocabulary", "SmokegateAlerts", "SmokegateHistory", "SmokegateRecording",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
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
                "SmokegateCore", "SmokegateConfig", "SmokegateModel", "SmokegateReports", "SmokegateVerdict", "SmokegateVocabulary",
                "SmokegateFixtures", "SmokegateService", "SmokegateStats", "SmokegateHTML", "SmokegateAlerts", "SmokegateHistory", "SmokegateRecording",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        /// Test helpers shared by the test targets: suites written to a temporary directory, a seeded generator.
        .target(name: "SmokegateTestSupport", dependencies: ["SmokegateConfig", "SmokegateModel"], path: "Tests/SmokegateTestSupport"),
        /// Test helpers that drive real third-party tools through scripts/test-tools (Prometheus, the Pushgateway,
        /// promtool, headless Chromium, curl); test targets that need them depend on it.
        .target(name: "SmokegateTestTools", path: "Tests/SmokegateTestTools"),
        .testTarget(name: "SmokegateCurlTests", dependencies: ["SmokegateCurl", "SmokegateVocabulary", "SmokegateFixtures"]),
        .testTarget(name: "SmokegateDocumentsTests", dependencies: ["SmokegateDocuments"]),
        .testTarget(name: "SmokegateProbesTests", dependencies: ["SmokegateProbes", "SmokegateVocabulary", "SmokegateCurl", "SmokegateFixtures"]),
        /// The decision layer on its own: made-up samples, no server, no engine.
        .testTarget(
            name: "SmokegateDecisionTests",
            dependencies: ["SmokegateVocabulary", "SmokegateModel", "SmokegateConfig", "SmokegateStats", "SmokegateVerdict", "SmokegateReports",
                           "SmokegateProbes", "SmokegateTestSupport"]
        ),
        .testTarget(
            name: "SmokegateCoreTests",
            dependencies: ["SmokegateCore", "SmokegateVocabulary", "SmokegateModel", "SmokegateConfig", "SmokegateEngine", "SmokegateStats",
                           "SmokegateVerdict", "SmokegateReports", "SmokegateCurl", "SmokegateProbes", "SmokegateFixtures", "SmokegateTestSupport"]
        ),
        /// Alerts and Pushgateway pushes: payloads read back by local receivers, the delivery queue against receivers
        /// that hang or fail, serve's incident decisions as sequences, pushes read back from a real Pushgateway.
        .testTarget(
            name: "SmokegateNotifyTests",
            dependencies: ["SmokegateAlerts", "SmokegateCore", "SmokegateVocabulary", "SmokegateModel", "SmokegateConfig", "SmokegateEngine",
                           "SmokegateStats", "SmokegateVerdict", "SmokegateReports", "SmokegateFixtures", "SmokegateTestSupport", "SmokegateTestTools"]
        ),
        .testTarget(name: "SmokegateCLITests", dependencies: ["SmokegateFixtures", "SmokegateVocabulary", "SmokegateCurl", "SmokegateTestTools"]),
        /// The service against a live server on port 0, fixture servers as its targets, read back by real clients.
        .testTarget(
            name: "SmokegateServiceTests",
            dependencies: ["SmokegateService", "SmokegateCore", "SmokegateConfig", "SmokegateModel", "SmokegateStats", "SmokegateVerdict",
                           "SmokegateVocabulary", "SmokegateCurl", "SmokegateFixtures", "SmokegateTestSupport", "SmokegateTestTools",
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")]
        ),
        /// The charts and the status page: parsed with libxml2, hostile names, loaded in headless Chromium.
        .testTarget(
            name: "SmokegateHTMLTests",
            dependencies: ["SmokegateHTML", "SmokegateStats", "SmokegateVerdict", "SmokegateModel", "SmokegateVocabulary", "SmokegateDocuments",
                           "SmokegateTestSupport", "SmokegateTestTools"]
        ),
        .testTarget(name: "SmokegateToolingTests", dependencies: ["SmokegateTestTools", "SmokegateFixtures"]),
        .testTarget(
            name: "SmokegateHistoryTests",
            dependencies: ["SmokegateHistory", "SmokegateHistoryFixtures", "SmokegateStats", "SmokegateRecording", "SmokegateVerdict",
                           "SmokegateModel", "SmokegateVocabulary", "SmokegateFixtures", "SmokegateTestTools",
                           .product(name: "SQLKit", package: "sql-kit")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
