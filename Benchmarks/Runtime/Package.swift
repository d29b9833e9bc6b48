// swift-tools-version: 6.0
// A release-built benchmark of the Athanor runtime; kept out of the root package so the
// library stays clean. Run it with scripts/bench-runtime.
import PackageDescription

let package = Package(
    name: "AthanorRuntimeBenchmarks",
    // Linux only (Glibc): no Apple platform is declared, because none is supported.
    dependencies: [
        .package(name: "Athanor", path: "../.."),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .executableTarget(
            name: "athanor-bench-runtime",
            dependencies: [.product(name: "Athanor", package: "Athanor"), .product(name: "Logging", package: "swift-log")]
        ),
    ]
)
