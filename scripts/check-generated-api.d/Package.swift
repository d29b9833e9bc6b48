// swift-tools-version: 6.1
// The scratch consumer of scripts/check-generated-api (copied to .build/check-generated-api).
import PackageDescription

let package = Package(
    name: "CheckGeneratedAPI",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Athanor", path: "ROOT")],
    targets: [
        .target(
            name: "Models",
            dependencies: [.product(name: "Athanor", package: "Athanor")],
            plugins: [.plugin(name: "AthanorPlugin", package: "Athanor")]
        ),
        .target(name: "EveryMethod", dependencies: ["Models", .product(name: "Athanor", package: "Athanor")]),
        .target(name: "UpsertOnNonUniqueField", dependencies: ["Models", .product(name: "Athanor", package: "Athanor")]),
        // An optional product named without its trait (no `traits:` above): must not compile.
        .target(
            name: "ProductWithoutTrait",
            dependencies: [.product(name: "Athanor", package: "Athanor"), .product(name: "AthanorMetrics", package: "Athanor")]
        ),
    ]
)
