// swift-tools-version: 6.1
//
// Examples/Shop: a consumer of Athanor, as a package of yours would be. The AthanorPlugin turns
// Sources/ShopModels/Shop.schema (a link to the repository's schemas/Shop.schema) into typed
// models and repositories at build time; ShopTour runs them against a real server.
import PackageDescription

let package = Package(
    name: "Shop",
    // Athanor's minimum on macOS (the Synchronization module); built and run on Linux only.
    platforms: [.macOS(.v15)],
    dependencies: [
        // By path, named: the folder may be called anything (see swiftpm-notes).
        .package(name: "Athanor", path: "../.."),
    ],
    targets: [
        .target(
            name: "ShopModels",
            dependencies: [.product(name: "Athanor", package: "Athanor")],
            plugins: [.plugin(name: "AthanorPlugin", package: "Athanor")]
        ),
        .executableTarget(
            name: "ShopTour",
            dependencies: ["ShopModels", .product(name: "Athanor", package: "Athanor")]
        ),
        // scripts/bench-upsert-memory: time and peak memory of a 100,000-row upsertMany.
        .executableTarget(
            name: "BulkMemory",
            dependencies: ["ShopModels", .product(name: "Athanor", package: "Athanor")]
        ),
        // Its tests: each gets a fresh database of Shop.schema from AthanorTesting
        // (ATHANOR_TEST_DATABASE_URL; `athanor dev start` gives one), in both API forms.
        .testTarget(
            name: "ShopTests",
            dependencies: [
                "ShopModels",
                .product(name: "Athanor", package: "Athanor"),
                .product(name: "AthanorTesting", package: "Athanor"),
            ]
        ),
    ]
)
