// swift-tools-version:6.0
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "bulletind",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bulletind", targets: ["bulletind"]),
        .library(name: "BulletinParser", targets: ["BulletinParser"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // Bytes → text → indicators. Pure: no network, no database.
        .target(name: "BulletinParser", swiftSettings: strictSettings),
        .executableTarget(
            name: "bulletind",
            dependencies: [
                "BulletinParser",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // libFuzzer entry point; built only with --sanitize=fuzzer (see Makefile `fuzz`).
        .executableTarget(name: "ParserFuzz", dependencies: ["BulletinParser"], swiftSettings: strictSettings),
        .executableTarget(
            name: "ParserBenchmark",
            dependencies: ["BulletinParser"],
            path: "Benchmarks/ParserBenchmark",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BulletinParserTests",
            dependencies: ["BulletinParser"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BulletindEndToEndTests",
            dependencies: ["BulletinParser"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
