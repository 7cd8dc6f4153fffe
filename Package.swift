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
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
    ],
    targets: [
        // Text → indicators. Pure: no network, no database, no C.
        .target(name: "BulletinParser", swiftSettings: strictSettings),
        // libxml2's HTML parser, the system library (Debian libxml2-dev).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // zlib, to inflate .docx entries (Debian zlib1g-dev).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // posix_spawn behind one Swift type: converters, notification commands, test servers.
        .target(name: "Spawn", swiftSettings: strictSettings),
        // Bytes as served → text: charsets, HTML, tables.
        .target(
            name: "BulletinIntake",
            dependencies: ["CLibXML2", "CZlib", "Spawn"],
            swiftSettings: strictSettings
        ),
        // libcurl, the system library (Debian libcurl4-openssl-dev), behind typed setopt shims.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // An async HTTP client on curl multi with limits no server can get around.
        .target(name: "BulletinFetch", dependencies: ["CCurl", "CMalloc"], swiftSettings: strictSettings),
        // glibc's mallopt, for MemoryTuning.
        .systemLibrary(name: "CMalloc"),
        // OpenSSL's libcrypto (Debian libssl-dev): SHA-256 and HMAC.
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // Content-addressed blobs and the SQLite index of versions, indicators and the outbox.
        .target(
            name: "BulletinStore",
            dependencies: ["BulletinParser", "CCrypto", "CZlib", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        // Config, scheduler, pipeline, change detection, notifiers.
        .target(
            name: "BulletinWatch",
            dependencies: [
                "BulletinParser", "BulletinIntake", "BulletinFetch", "BulletinStore", "Spawn",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "bulletind",
            dependencies: [
                "BulletinWatch",
                "BulletinParser",
                "BulletinIntake",
                "BulletinFetch",
                "BulletinStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // libFuzzer entry point; built only with --sanitize=fuzzer (see Makefile `fuzz`).
        .executableTarget(
            name: "ParserFuzz", dependencies: ["BulletinParser", "BulletinIntake"], swiftSettings: strictSettings),
        .executableTarget(
            name: "ParserBenchmark",
            dependencies: ["BulletinParser"],
            path: "Benchmarks/ParserBenchmark",
            swiftSettings: strictSettings
        ),
        // nginx and process measurement shared by the benchmarks.
        .target(
            name: "BenchmarkSupport", dependencies: ["Spawn"], path: "Benchmarks/Support", swiftSettings: strictSettings),
        .executableTarget(
            name: "FetchBenchmark",
            dependencies: ["BulletinFetch", "BenchmarkSupport"],
            path: "Benchmarks/FetchBenchmark",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "DaemonBenchmark",
            dependencies: ["BenchmarkSupport"],
            path: "Benchmarks/DaemonBenchmark",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "StoreBenchmark",
            dependencies: ["BulletinStore", "BulletinParser"],
            path: "Benchmarks/StoreBenchmark",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BulletinParserTests",
            dependencies: ["BulletinParser"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "SpawnTests", dependencies: ["Spawn"], swiftSettings: strictSettings),
        .testTarget(
            name: "BulletinIntakeTests",
            dependencies: ["BulletinIntake", "BulletinParser"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BulletinStoreTests",
            dependencies: ["BulletinStore", "BulletinParser"],
            swiftSettings: strictSettings
        ),
        // A misbehaving HTTP server on 127.0.0.1 for the fetch tests and the CLI's end-to-end tests.
        .target(name: "TestServers", dependencies: ["CZlib"], path: "Tests/TestServers", swiftSettings: strictSettings),
        .testTarget(
            name: "BulletinFetchTests",
            dependencies: ["BulletinFetch", "TestServers"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BulletinWatchTests",
            dependencies: [
                "BulletinWatch", "BulletinStore", "BulletinFetch", "TestServers",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BulletindEndToEndTests",
            dependencies: ["BulletinParser", "TestServers", "Spawn"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
