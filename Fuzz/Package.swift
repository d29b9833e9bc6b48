// swift-tools-version: 6.1
//
// Athanor's libFuzzer targets, a package of their own so that the main package's `swift build`
// and CI never build or wait for them. Built and run by scripts/fuzz only, which passes
// `-sanitize=fuzzer,address` to every module (the library's code must be instrumented too) and
// `-enable-testing` (the URL target reads the parsed password through `@testable import`).
// SwiftPM gives each executable its own `main`: each target's main.swift hands its test function
// to libFuzzer's driver (`LLVMFuzzerRunDriver`).
import PackageDescription

let package = Package(
    name: "AthanorFuzz",
    // Linux only (libFuzzer and Glibc): no Apple platform is declared, because none is supported.
    dependencies: [
        // By path, named: the folder may be called anything (see the Examples/Shop manifest).
        .package(name: "Athanor", path: ".."),
    ],
    targets: [
        // What every target shares: property failures, seeds written on request.
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"]),
        // libFuzzer's driver entry point (the library comes with -sanitize=fuzzer).
        .systemLibrary(name: "CLibFuzzer"),
        // The schema compiler, end to end: parse, check, DDL of both dialects, generated Swift.
        .executableTarget(
            name: "FuzzCompiler",
            dependencies: ["FuzzSupport", .product(name: "AthanorCompiler", package: "Athanor")]
        ),
        // DatabaseURL: parse, print, parse the print; the password never printed.
        .executableTarget(
            name: "FuzzURL",
            dependencies: ["FuzzSupport", .product(name: "Athanor", package: "Athanor")]
        ),
        // Every PostgresDecodable type (and arrays of each) fed raw bytes as the server sends them.
        .executableTarget(
            name: "FuzzDecoders",
            dependencies: ["FuzzSupport", .product(name: "Athanor", package: "Athanor")]
        ),
        // The compiler's disk side (snapshot.json, checksums), compiled from the main package's
        // folder through the symbolic link Sources/FuzzCompilerIO: it is no product there.
        .target(
            name: "FuzzCompilerIO",
            dependencies: [.product(name: "AthanorCompiler", package: "Athanor")]
        ),
        // SQLStatementSplitter on hand-written migration SQL, against an independent lexer.
        .executableTarget(
            name: "FuzzSQLSplitter",
            dependencies: ["FuzzSupport", .product(name: "AthanorCompiler", package: "Athanor")]
        ),
        // A migration folder's hand-editable files: snapshot.json and the checksum file.
        .executableTarget(
            name: "FuzzMigrationFolder",
            dependencies: ["FuzzSupport", "FuzzCompilerIO", .product(name: "AthanorCompiler", package: "Athanor")]
        ),
        // The migration differ on two fuzzed schemas.
        .executableTarget(
            name: "FuzzMigrationDiff",
            dependencies: ["FuzzSupport", .product(name: "AthanorCompiler", package: "Athanor")]
        ),
        // PageCursor(token:) on hostile tokens and payloads.
        .executableTarget(
            name: "FuzzPageCursor",
            dependencies: ["FuzzSupport", .product(name: "Athanor", package: "Athanor")]
        ),
    ]
)
