// swift-tools-version:6.1

import PackageDescription

// An app built on policy-tracker's public API only: it depends on the project by path, as an app
// in another repository would depend on it by URL.
let package = Package(
    name: "StatusChanges",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "policy-tracker", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "StatusChanges",
            dependencies: [
                .product(name: "PolicyKit", package: "policy-tracker"),
                .product(name: "PolicyLua", package: "policy-tracker"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
