// swift-tools-version:6.0
// Gatehouse — a TLS-terminating edge gateway in front of uWSGI.
// One target per concern; dependencies point down (see Sources/README.md).
import PackageDescription

let nio: [Target.Dependency] = [
    .product(name: "NIOCore", package: "swift-nio"),
    .product(name: "NIOPosix", package: "swift-nio"),
]
let log: Target.Dependency = .product(name: "Logging", package: "swift-log")

let package = Package(
    name: "gatehouse",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gatehouse", targets: ["gatehouse"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-atomics.git", from: "1.3.0"),
    ],
    targets: [
        // C libraries, each behind exactly one Swift module.
        .systemLibrary(name: "CGatehouseOpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CGatehouseBrotli", pkgConfig: "libbrotlienc libbrotlidec", providers: [.apt(["libbrotli-dev"])]),
        .systemLibrary(name: "CGatehouseZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CGatehouseEpoll"),

        // Pure layers.
        .target(name: "GatehouseCompress", dependencies: ["CGatehouseBrotli", "CGatehouseZlib"], exclude: ["README.md"]),
        .target(name: "GatehouseManifest"),
        .target(name: "GatehouseConfig", exclude: ["README.md"]),
        .target(name: "GatehouseHTTP", dependencies: ["GatehouseManifest", log,
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ], exclude: ["README.md"]),
        .target(name: "GatehouseAssets", dependencies: [
            "GatehouseManifest", "GatehouseCompress",
        ], exclude: ["README.md"]),
        .target(name: "GatehouseUWSGI", dependencies: [
            "GatehouseHTTP",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ], exclude: ["README.md"]),

        // I/O layers.
        .target(name: "GatehouseTimers", dependencies: nio, exclude: ["README.md"]),
        .target(name: "GatehouseTLS", dependencies: [
            "CGatehouseOpenSSL", "GatehouseTimers", log,
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOTLS", package: "swift-nio"),
            .product(name: "Atomics", package: "swift-atomics"),
        ], exclude: ["README.md"]),
        .target(name: "GatehouseStatic", dependencies: ["GatehouseHTTP", "GatehouseManifest", log,
            .product(name: "NIOHTTP1", package: "swift-nio")] + nio, exclude: ["README.md"]),
        .target(name: "GatehouseProxy", dependencies: [
            "GatehouseHTTP", "GatehouseUWSGI", "GatehouseTimers", "CGatehouseEpoll", log,
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ] + nio, exclude: ["README.md"]),
        .target(name: "GatehouseCache", dependencies: ["GatehouseHTTP", log,
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ] + nio, exclude: ["README.md"]),

        // Composition and the thin CLI.
        .target(name: "GatehouseServer", dependencies: [
            "GatehouseHTTP", "GatehouseTLS", "GatehouseConfig", "GatehouseStatic", "GatehouseProxy",
            "GatehouseCache", "GatehouseManifest", "GatehouseUWSGI", "GatehouseTimers", log,
            .product(name: "Atomics", package: "swift-atomics"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ] + nio),
        .executableTarget(name: "gatehouse", dependencies: [
            "GatehouseServer", "GatehouseAssets", "GatehouseConfig", "GatehouseTLS", "GatehouseManifest", log,
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Tests: one target per module; real-process tests live in Tests/Integration (pytest).
        .testTarget(name: "GatehouseCompressTests", dependencies: ["GatehouseCompress"]),
        // The deterministic random generator the mutation and split tests share.
        .target(name: "GatehouseTestSupport", path: "Tests/GatehouseTestSupport"),
        .testTarget(name: "GatehouseConfigTests", dependencies: ["GatehouseConfig", "GatehouseTestSupport"]),
        .testTarget(name: "GatehouseHTTPTests", dependencies: ["GatehouseHTTP", "GatehouseManifest", "GatehouseTestSupport",
            .product(name: "NIOEmbedded", package: "swift-nio"),  // differential tests against NIOHTTP1's decoder
        ]),
        .testTarget(name: "GatehouseAssetsTests", dependencies: ["GatehouseAssets", "GatehouseManifest", "GatehouseCompress"]),
        .testTarget(name: "GatehouseUWSGITests", dependencies: [
            "GatehouseUWSGI", .product(name: "NIOTestUtils", package: "swift-nio"),
            .product(name: "NIOEmbedded", package: "swift-nio"),
        ]),
        .testTarget(name: "GatehouseTLSTests", dependencies: [
            "GatehouseTLS", "GatehouseTimers", "CGatehouseOpenSSL", .product(name: "NIOEmbedded", package: "swift-nio"),
        ]),
        .testTarget(name: "GatehouseStaticTests", dependencies: ["GatehouseStatic", "GatehouseManifest", "GatehouseHTTP",
            .product(name: "NIOHTTP1", package: "swift-nio")] + nio),
        .testTarget(name: "GatehouseProxyTests", dependencies: [
            "GatehouseProxy", "GatehouseTimers", .product(name: "NIOEmbedded", package: "swift-nio"),
        ]),
        .testTarget(name: "GatehouseCacheTests", dependencies: ["GatehouseCache"]),
        .testTarget(name: "GatehouseTimersTests", dependencies: [
            "GatehouseTimers", .product(name: "NIOEmbedded", package: "swift-nio"),
        ]),
        .testTarget(name: "GatehouseServerTests", dependencies: [
            "GatehouseServer", "GatehouseTimers", .product(name: "NIOEmbedded", package: "swift-nio"),
        ]),
    ],
    swiftLanguageModes: [.v5]
)
