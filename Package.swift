// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Coursegate",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "coursegate", targets: ["coursegate"]),
        .library(name: "AccessKernel", targets: ["AccessKernel"]),
        .library(name: "AdapterKit", targets: ["AdapterKit"]),
        .library(name: "AdapterConformance", targets: ["AdapterConformance"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // Facts, mapping model, policies and derive(): pure Swift, no I/O.
        .target(name: "AccessKernel"),
        // The mapping file (YAML) read into the kernel's model, with located errors.
        .target(name: "MappingConfig", dependencies: [
            "AccessKernel",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The store on SQLite through GRDB.
        .target(name: "AccessStore", dependencies: [
            "AccessKernel",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The contract every provider adapter implements.
        .target(name: "AdapterKit", dependencies: [
            "AccessKernel", "Outbound",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The suite any adapter must pass; a library so third-party adapters can run it.
        .target(name: "AdapterConformance", dependencies: ["AdapterKit", "AccessKernel"]),
        .target(name: "ThriveCart", dependencies: ["AdapterKit", "AccessKernel", "Outbound"], path: "Adapters/ThriveCart"),
        .target(name: "SendOwl", dependencies: ["AdapterKit", "Outbound"], path: "Adapters/SendOwl"),
        .target(name: "NativeCheckout", dependencies: ["AdapterKit", "Outbound"], path: "Adapters/NativeCheckout"),
        // Payload builders, signers and recorded fixtures shared by tests and benchmarks.
        .target(name: "Mocks", dependencies: ["AdapterKit", "AccessKernel", "Outbound"], path: "Mocks",
                exclude: ["Servers/tls_smtp_server.py"], resources: [.copy("Fixtures")]),
        // libcurl, for every call Coursegate makes to the outside world.
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        // The libcurl client (HTTP(S) and SMTP) and what is built on it.
        .target(name: "Outbound", dependencies: [
            "CCurl", "AccessKernel",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The Hummingbird application.
        .target(name: "Gateway", dependencies: [
            "AccessKernel", "AccessStore", "AdapterKit", "MappingConfig", "Outbound", "ThriveCart", "SendOwl", "NativeCheckout",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], resources: [.copy("Resources")]),
        .executableTarget(name: "coursegate", dependencies: [
            "AccessKernel", "AccessStore", "AdapterKit", "MappingConfig", "Gateway", "Outbound",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        .testTarget(name: "AccessKernelTests", dependencies: ["AccessKernel"]),
        .testTarget(name: "MappingConfigTests", dependencies: ["MappingConfig", "ThriveCart", "SendOwl", "NativeCheckout"]),
        .testTarget(name: "AccessStoreTests", dependencies: ["AccessStore", "MappingConfig"]),
        // A child process the crash test kills with SIGKILL in the middle of a burst of records.
        // Deliveries per second to the mock course site: one reused handle per worker vs a new one per request.
        .executableTarget(name: "delivery-bench", dependencies: ["Outbound", "Mocks"], path: "Benchmarks/Delivery"),
        // Customer search on a million customers (filled by direct SQL): p50/p99 per kind of query.
        .executableTarget(name: "search-bench", dependencies: [
            "AccessStore", "AccessKernel", .product(name: "GRDB", package: "GRDB.swift"),
        ], path: "Benchmarks/Search"),
        .executableTarget(name: "record-burst-probe", dependencies: ["AccessStore"], path: "Tests/Probes/RecordBurst"),
        .testTarget(name: "AdapterKitTests", dependencies: ["AdapterKit", "AdapterConformance", "AccessKernel", "Mocks"]),
        .testTarget(name: "ThriveCartTests", dependencies: ["ThriveCart", "AdapterConformance", "Mocks", "AdapterKit", "AccessKernel"]),
        .testTarget(name: "SendOwlTests", dependencies: ["SendOwl", "AdapterConformance", "Mocks", "AdapterKit", "AccessKernel"]),
        .testTarget(name: "NativeCheckoutTests", dependencies: ["NativeCheckout", "AdapterConformance", "Mocks", "AdapterKit", "AccessKernel"]),
        .testTarget(name: "GatewayTests", dependencies: [
            "Gateway", "Mocks", "MappingConfig",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "OutboundTests", dependencies: [
            "Outbound", "Mocks",
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        .testTarget(name: "coursegateTests", dependencies: ["AccessStore", "Mocks"]),
    ],
    swiftLanguageModes: [.v6]
)
