// swift-tools-version: 6.1
//
// Athanor: a schema compiler and a libpq runtime for CockroachDB and PostgreSQL.
// Macro-free by promise: no macro, and no macro toolchain package, anywhere in this graph.
import PackageDescription

let package = Package(
    name: "Athanor",
    // Built and tested on Linux only. macOS 15 is the minimum the code needs there (the
    // Synchronization module); the runtime's platform calls have Darwin branches (Support/Platform.swift)
    // that have never been compiled: see the README's "Platforms".
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Athanor", targets: ["Athanor"]),
        .library(name: "AthanorCompiler", targets: ["AthanorCompiler"]),
        .executable(name: "athanor", targets: ["athanor"]),
        // Optional products, each behind the package trait of the same purpose (see `traits`):
        // a consumer that enables none of the traits neither fetches nor builds their packages.
        .library(name: "AthanorMetrics", targets: ["AthanorMetrics"]),
        .library(name: "AthanorTracing", targets: ["AthanorTracing"]),
        .library(name: "AthanorServiceLifecycle", targets: ["AthanorServiceLifecycle"]),
        .plugin(name: "AthanorPlugin", targets: ["AthanorPlugin"]),
        .plugin(name: "ExportDDL", targets: ["ExportDDL"]),
        .plugin(name: "AthanorDev", targets: ["AthanorDev"]),
        .library(name: "AthanorTesting", targets: ["AthanorTesting"]),
        .plugin(name: "MigrateDiff", targets: ["MigrateDiff"]),
    ],
    // The optional products' packages are fetched and built only for a consumer that enables
    // their trait: `.package(url: ..., from: ..., traits: ["Metrics"])`. Off by default, so a
    // consumer's graph holds Athanor, swift-log, swift-mustache and swift-argument-parser only
    // (scripts/bench-build measures the difference; README "Build times"). Contributors build
    // and test with every trait on: `swift test --enable-all-traits` (scripts/test does).
    traits: [
        .trait(name: "Metrics", description: "The AthanorMetrics product: the pool's counters through swift-metrics."),
        .trait(name: "Tracing", description: "The AthanorTracing product: a swift-distributed-tracing span per repository call."),
        .trait(
            name: "ServiceLifecycle",
            description: "The AthanorServiceLifecycle product: the pool as a swift-service-lifecycle Service."
        ),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // The runtime logs through swift-log's Logger, as the Swift server ecosystem does.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // `swift package generate-documentation` (scripts/docs). A command plugin no product
        // uses: SwiftPM does not fetch it for a package that depends on Athanor.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // The optional products' packages (fetched only when their trait is enabled).
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // What the compiler and the runtime share about SQL: the dialect, the identifier quoter,
        // the snake_case naming rule. No dependencies; both re-export it.
        .target(name: "AthanorSQL"),

        // The compiler: parse -> check -> lower to the catalog -> emit. No disks, no processes.
        // The Swift back end renders the top-level Templates/ folder, compiled into the code.
        .target(
            name: "AthanorCompiler",
            dependencies: ["AthanorSQL", .product(name: "Mustache", package: "swift-mustache")],
            resources: [
                .embedInCode("../../Templates/SchemaFile.swift.mustache"),
                .embedInCode("../../Templates/Enum.swift.mustache"),
                .embedInCode("../../Templates/Model.swift.mustache"),
                .embedInCode("../../Templates/Repository.swift.mustache"),
                .embedInCode("../../Templates/Schema.swift.mustache"),
            ]
        ),

        // The PostgreSQL C client, as Debian's libpq-dev ships it.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),

        // The runtime: libpq binding -> connection -> pool -> transactions -> query API.
        .target(
            name: "Athanor",
            dependencies: ["AthanorSQL", "CLibPQ", .product(name: "Logging", package: "swift-log")]
        ),

        // The pool's counters as swift-metrics gauges and counters.
        .target(name: "AthanorMetrics", dependencies: ["Athanor", .product(name: "CoreMetrics", package: "swift-metrics", condition: .when(traits: ["Metrics"]))]),
        // A swift-distributed-tracing span per repository call.
        .target(name: "AthanorTracing", dependencies: ["Athanor", .product(name: "Tracing", package: "swift-distributed-tracing", condition: .when(traits: ["Tracing"]))]),
        // The pool as a swift-service-lifecycle Service: graceful shutdown drains and closes it.
        .target(
            name: "AthanorServiceLifecycle",
            dependencies: ["Athanor", .product(name: "ServiceLifecycle", package: "swift-service-lifecycle", condition: .when(traits: ["ServiceLifecycle"]))]
        ),

        // The compiler's disk and terminal: reading schemas and templates, writing what it
        // generates, printing diagnostics. Shared by the two executables below.
        .target(name: "AthanorCompilerIO", dependencies: ["AthanorCompiler"]),

        // The code-generation tool the plugins run: the compiler and Mustache only (no runtime,
        // no libpq, no ArgumentParser), so a consumer's clean build compiles little for it.
        // No product: SwiftPM builds a plugin's tool from the target.
        .executableTarget(name: "athanor-generate", dependencies: ["AthanorCompilerIO"]),

        // The development server: PostgreSQL (or CockroachDB) in .athanor/dev on a free loopback
        // port, started and stopped through the server's own programs. Foundation only.
        .target(name: "AthanorDevServer"),

        // What a consumer's test target uses: a fresh database of its schema per test, the
        // dialect and API-form tags. Never linked by production code; no ArgumentParser.
        .target(name: "AthanorTesting", dependencies: ["Athanor"]),

        // The command-line tool people use: check, ddl, generate (shells around AthanorCompiler),
        // apply, ping (Athanor) and dev (AthanorDevServer).
        .executableTarget(
            name: "athanor",
            dependencies: [
                "AthanorCompiler",
                "AthanorCompilerIO",
                "Athanor",
                "AthanorDevServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Build tool: the .schema files of the target it is applied to become typed Swift.
        .plugin(name: "AthanorPlugin", capability: .buildTool(), dependencies: ["athanor-generate"]),
        // `swift package --allow-writing-to-package-directory export-ddl`: DDL files for review.
        .plugin(
            name: "ExportDDL",
            capability: .command(
                intent: .custom(verb: "export-ddl", description: "Write the SQL DDL of the package's .schema files"),
                permissions: [.writeToPackageDirectory(reason: "writes the DDL files (ddl/ by default)")]
            ),
            dependencies: ["athanor-generate"]
        ),
        // `swift package athanor-dev start | stop | status | url`: `athanor dev` from SwiftPM.
        .plugin(
            name: "AthanorDev",
            capability: .command(
                intent: .custom(verb: "athanor-dev", description: "Start, stop or locate the package's development database server"),
                permissions: [.writeToPackageDirectory(reason: "keeps the development server's files in .athanor/dev")]
            ),
            dependencies: ["athanor"]
        ),
        // `swift package --allow-writing-to-package-directory migrate-diff NAME`: the next migration.
        .plugin(
            name: "MigrateDiff",
            capability: .command(
                intent: .custom(verb: "migrate-diff", description: "Write the next migration of a target from its .schema files"),
                permissions: [.writeToPackageDirectory(reason: "writes the migration into the target's migrations/ folder")]
            ),
            dependencies: ["athanor-generate"]
        ),

        .testTarget(
            name: "AthanorCompilerTests",
            dependencies: ["AthanorCompiler", "AthanorCompilerIO"],
            resources: [.copy("Golden"), .copy("GoldenSwift"), .copy("MigrationGolden")]
        ),
        // The command-line tool's commands, and the plugins' tool's arguments, run in process.
        .testTarget(name: "AthanorCommandTests", dependencies: ["athanor", "athanor-generate", "AthanorCompilerIO"]),
        .testTarget(
            name: "AthanorTests",
            dependencies: [
                "Athanor", "AthanorDevServer", "AthanorFaultProxy",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ]
        ),
        // Migrations end to end: schemas compiled and diffed, applied on a server, read back.
        .testTarget(name: "AthanorMigrationTests", dependencies: ["Athanor", "AthanorCompiler", .product(name: "Logging", package: "swift-log")]),
        // A loopback TCP proxy that injects network faults (delay, stall, cut, cut on a client
        // message), for the server tests and scripts/soak. Not a product; uses nothing of Athanor.
        .target(name: "AthanorFaultProxy", path: "Tests/Support/AthanorFaultProxy"),
        // scripts/soak: a bank workload through the fault proxy, with a restart, a terminate-all,
        // a stall and cuts, checked for lost, doubled and leaked (built in release by the script).
        .executableTarget(
            name: "athanor-soak",
            dependencies: ["Athanor", "AthanorFaultProxy", .product(name: "Logging", package: "swift-log")],
            path: "Tests/Soak"
        ),
        // Compiles the checked-in golden Swift (Generated/ links to AthanorCompilerTests/GoldenSwift).
        .testTarget(name: "GoldenSwiftConsumerTests", dependencies: ["Athanor"]),
        // The plugin applied to Shop.schema (a link to schemas/), every repository method on a server.
        .target(name: "ShopFixture", dependencies: ["Athanor"], path: "Tests/ShopFixture", plugins: ["AthanorPlugin"]),
        // The other schemas of schemas/ (Swift keywords, SQL reserved words, every type, two files).
        .target(name: "SchemaExamplesFixture", dependencies: ["Athanor"], path: "Tests/SchemaExamplesFixture", plugins: ["AthanorPlugin"]),
        .testTarget(name: "AthanorGeneratedTests", dependencies: ["Athanor", "AthanorTesting", "ShopFixture", "SchemaExamplesFixture"]),
        // AthanorTesting on the server: each mode, cleanup on throw and cancel, crashed runs reaped.
        .testTarget(name: "AthanorTestingTests", dependencies: ["Athanor", "AthanorTesting", "ShopFixture"]),
        // The development server, started and stopped for real in a temporary folder.
        .testTarget(name: "AthanorDevServerTests", dependencies: ["Athanor", "AthanorDevServer"]),
        // The optional products with test backends: metrics, spans, graceful shutdown.
        .testTarget(
            name: "AthanorEcosystemTests",
            dependencies: [
                "Athanor", "AthanorTesting", "AthanorMetrics", "AthanorTracing", "AthanorServiceLifecycle", "ShopFixture",
                .product(name: "MetricsTestKit", package: "swift-metrics", condition: .when(traits: ["Metrics"])),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing", condition: .when(traits: ["Tracing"])),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle", condition: .when(traits: ["ServiceLifecycle"])),
            ]
        ),
    ]
)
