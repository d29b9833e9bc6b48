// swift-tools-version: 6.0
// A release-built benchmark of the Athanor runtime; kept out of the root package so the
// library stays clean. Run it with scripts/bench-runtime.
import PackageDescription

let package = Package(
    name: "AthanorRuntimeBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Athanor", path: "../..")],
    targets: [
        .executableTarget(
            name: "athanor-bench-runtime",
            dependencies: [.product(name: "Athanor", package: "Athanor")]
        ),
    ]
)
