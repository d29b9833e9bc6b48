// swift-tools-version: 6.0
//
// Athanor's benchmarks against its peers (issue 6). A package of its own, so that the library
// never depends on a peer: PostgresNIO and HdrHistogram are dependencies of this package only.
//
//   swift build -c release --package-path Benchmarks     (scripts/bench does it when needed)
//
// Each executable takes `--workload Wn --repetition k` and prints JSON result rows on stdout, so
// that scripts/bench runs the Swift systems exactly as it runs the Python peers.
import PackageDescription

let package = Package(
    name: "AthanorBenchmarks",
    // Linux only (Glibc, the benchmark servers' scripts): no Apple platform is declared, because none is supported.
    dependencies: [
        // The root package, by path and by name (a path dependency otherwise takes its identity
        // from the folder's name, which differs between clones and worktrees).
        .package(name: "Athanor", path: ".."),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        // What every Swift system shares: arguments, the rows of workloads.md, timing, the JSON
        // result rows, peak resident memory and the malloc counter.
        .target(
            name: "BenchSupport",
            dependencies: ["CMallocCounter", .product(name: "Histogram", package: "hdrhistogram-swift")]
        ),
        // Counts allocations (malloc and friends, every thread) for the allocations-per-call
        // figures of W1 and W5: it defines malloc, so it is linked into these executables only.
        .target(name: "CMallocCounter"),
        // The Swift peer: PostgresNIO used directly (binary format, prepared statements, its own
        // PostgresClient pool).
        .executableTarget(
            name: "bench-postgresnio",
            dependencies: [
                "BenchSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // The generated models and repositories of Shop.schema (Sources/BenchModels/Shop.schema
        // is a link to schemas/Shop.schema), made by AthanorPlugin as in a consumer's package.
        .target(
            name: "BenchModels",
            dependencies: [.product(name: "Athanor", package: "Athanor")],
            plugins: [.plugin(name: "AthanorPlugin", package: "Athanor")]
        ),
        // Athanor through the generated UserRepository (Sources/bench-athanor/Users.swift).
        .executableTarget(
            name: "bench-athanor",
            dependencies: [
                "BenchSupport",
                "BenchModels",
                .product(name: "Athanor", package: "Athanor"),
            ]
        ),
        // libpq, epoll and eventfd for bench-eventloop (the root package's CLibPQ is a target,
        // not a product).
        .systemLibrary(name: "CLibPQEventLoop", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // Issue 16's event-loop lead: a prototype of a few event-loop threads driving many
        // nonblocking libpq connections, measured against Athanor's thread per connection on the
        // gets of W5, W8 and W11 in one process (results/notes.md, "Event loop vs thread per connection").
        .executableTarget(
            name: "bench-eventloop",
            dependencies: [
                "BenchSupport",
                "BenchModels",
                "CLibPQEventLoop",
                .product(name: "Athanor", package: "Athanor"),
            ]
        ),
    ]
)
