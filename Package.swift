// swift-tools-version: 6.0
//
// Athanor: a schema compiler and a libpq runtime for CockroachDB and PostgreSQL.
// Macro-free by promise: nothing in this graph may depend on swift-syntax.
import PackageDescription

let package = Package(
    name: "Athanor",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Athanor", targets: ["Athanor"]),
        .library(name: "AthanorCompiler", targets: ["AthanorCompiler"]),
        .executable(name: "athanor", targets: ["athanor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The compiler: parse -> check -> lower to the catalog -> emit. No disks, no processes.
        .target(name: "AthanorCompiler"),

        // The PostgreSQL C client, as Debian's libpq-dev ships it.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),

        // The runtime: libpq binding -> connection -> pool -> transactions -> query API.
        .target(name: "Athanor", dependencies: ["CLibPQ"]),

        // The command-line tool: a thin shell around AthanorCompiler (and Athanor for `ping`).
        .executableTarget(
            name: "athanor",
            dependencies: [
                "AthanorCompiler",
                "Athanor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(
            name: "AthanorCompilerTests",
            dependencies: ["AthanorCompiler"],
            resources: [.copy("Golden")]
        ),
        // The command-line tool's commands, run in process (exit codes, files, --check).
        .testTarget(name: "AthanorCommandTests", dependencies: ["athanor"]),
        .testTarget(name: "AthanorTests", dependencies: ["Athanor"]),
    ]
)
