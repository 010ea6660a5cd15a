// swift-tools-version:6.1

import PackageDescription

let package = Package(
    name: "policy-tracker",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "PolicyKit", targets: ["PolicyKit"]),
        .library(name: "PolicyLua", targets: ["PolicyLua"]),
        .library(name: "PolicyWorkbook", targets: ["PolicyWorkbook"]),
        .executable(name: "policy-tracker", targets: ["policy-tracker"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // SHA-256 of evidence files.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // `swift package generate-documentation` (make docs).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // The XLSX workbook's ZIP archive (PolicyWorkbook).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // Data model, YAML loading with diagnostics, calendar, standard rules, matrix. No Lua.
        .target(
            name: "PolicyKit",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Debian's liblua5.4, through pkg-config; the module is only a modulemap and a header.
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"])]
        ),
        // The embedding's C logic (allocator, panic handler and guards, budget hook, time-budget
        // signal and watchdog, message handler, trampoline, bytecode writer) as compiled C.
        .target(
            name: "CLuaHost",
            dependencies: ["CLua"]
        ),
        // The only Swift target that imports CLua and CLuaHost (through one boundary type,
        // Runtime/LuaState.swift): runtime, sandbox, limits, marshalling, plugins.
        .target(
            name: "PolicyLua",
            // Yams: the rule fixtures (plugins/tests/*.yaml) are read with PolicyKit's YAML reader.
            dependencies: ["CLua", "CLuaHost", "PolicyKit", .product(name: "Yams", package: "Yams")]
        ),
        // The XLSX workbook (SpreadsheetML parts in a ZIP archive); PolicyKit stays without it.
        .target(
            name: "PolicyWorkbook",
            dependencies: ["PolicyKit", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .executableTarget(
            name: "policy-tracker",
            dependencies: [
                "PolicyKit",
                "PolicyLua",
                "PolicyWorkbook",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks (run in release mode: make bench-quick, make bench); not part of the product.
        .executableTarget(
            name: "policy-bench",
            dependencies: [
                "PolicyKit",
                "PolicyLua",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // libFuzzer targets (make fuzz builds them with -sanitize=fuzzer and FUZZING defined);
        // built normally they replay files (the regression fixtures in Tests/Fuzz/).
        .target(name: "FuzzSupport"),
        .executableTarget(name: "fuzz-loader", dependencies: ["PolicyKit", "FuzzSupport"]),
        .executableTarget(name: "fuzz-plugin-results", dependencies: ["PolicyLua", "FuzzSupport"]),
        .testTarget(name: "PolicyKitTests", dependencies: ["PolicyKit"], exclude: ["Fixtures"]),
        .testTarget(name: "PolicyLuaTests", dependencies: ["PolicyLua", "PolicyKit"]),
        .testTarget(
            name: "PolicyTrackerTests",
            dependencies: ["PolicyKit", "PolicyLua", "PolicyWorkbook", "policy-tracker"],
            exclude: ["Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// The same strict settings on every Swift target, from one loop (as swift-log does).
for target in package.targets where [.executable, .test, .regular].contains(target.type) {
    var settings = target.swiftSettings ?? []
    // SE-0335: require `any` for existential types.
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    // SE-0444: member lookups need the module that declares them to be imported.
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    // SE-0409: imports are internal unless marked `public import`.
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    // Nonisolated async functions run on the caller's actor.
    settings.append(.enableUpcomingFeature("NonisolatedNonsendingByDefault"))
    target.swiftSettings = settings
}
