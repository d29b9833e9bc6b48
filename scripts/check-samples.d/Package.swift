// swift-tools-version: 6.1
// The scratch consumer of scripts/check-samples (copied to .build/check-samples): the
// documentation's Swift samples, compiled against Shop.schema's generated API.
import PackageDescription

let package = Package(
    name: "CheckSamples",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Every optional product is sampled, so every trait is on.
        .package(name: "Athanor", path: "ROOT", traits: ["Metrics", "Tracing", "ServiceLifecycle"]),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .target(
            name: "ShopModels",
            dependencies: [.product(name: "Athanor", package: "Athanor")],
            plugins: [.plugin(name: "AthanorPlugin", package: "Athanor")]
        ),
        .target(
            name: "Samples",
            dependencies: [
                "ShopModels",
                .product(name: "Athanor", package: "Athanor"),
                .product(name: "AthanorCompiler", package: "Athanor"),
                .product(name: "AthanorTesting", package: "Athanor"),
                .product(name: "AthanorMetrics", package: "Athanor"),
                .product(name: "AthanorTracing", package: "Athanor"),
                .product(name: "AthanorServiceLifecycle", package: "Athanor"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
    ]
)
