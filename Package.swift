// swift-tools-version:6.0
// Credo: credential and assignment compliance for California K-12 educators.
//
// Layers (each imports only the layers above it in this list; the test build enforces it with
// `--explicit-target-dependency-import-check error`):
//   CredoDomain → CredoReference → CredoStore → CredoCore → CredoWeb → CredoCLI → credo
import PackageDescription

let swiftSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
  name: "credo",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "credo", targets: ["credo"])
  ],
  dependencies: [
    .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
    .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
    .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
    .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
    .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
    .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
    .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
  ],
  targets: [
    // MARK: - Domain: pure rules and value types. Foundation only, no I/O.
    .target(name: "CredoDomain", swiftSettings: swiftSettings),

    // MARK: - Reference: the catalog of CTC/CDE code tables Credo ships with.
    .target(
      name: "CredoReference",
      dependencies: ["CredoDomain"],
      resources: [.copy("Catalog"), .copy("Layouts")],
      swiftSettings: swiftSettings
    ),

    // MARK: - Store: records, numbered migrations, repositories. All SQL lives here. No Vapor.
    .target(
      name: "CredoStore",
      dependencies: [
        "CredoDomain",
        "CredoReference",
        .product(name: "FluentKit", package: "fluent-kit"),
        .product(name: "FluentSQL", package: "fluent-kit"),
        .product(name: "SQLKit", package: "sql-kit"),
        .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
        .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ],
      swiftSettings: swiftSettings
    ),

    // MARK: - Core: use cases shared by the web app and the command line.
    .target(
      name: "CredoCore",
      dependencies: [
        "CredoDomain",
        "CredoReference",
        "CredoStore",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Crypto", package: "swift-crypto"),
        // Notices: Mustache templates, and the SMTP client (SwiftNIO, NIOSSL for STARTTLS).
        .product(name: "Mustache", package: "swift-mustache"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ],
      swiftSettings: swiftSettings
    ),

    // MARK: - Web: Vapor routes, pages (Plot), JSON API, sessions, CSRF, error pages.
    .target(
      name: "CredoWeb",
      dependencies: [
        "CredoDomain",
        "CredoReference",
        "CredoCore",
        .product(name: "Vapor", package: "vapor"),
        .product(name: "Plot", package: "Plot"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: swiftSettings
    ),

    // MARK: - CLI: swift-argument-parser commands; translate arguments into use-case calls.
    .target(
      name: "CredoCLI",
      dependencies: [
        "CredoDomain",
        "CredoReference",
        "CredoCore",
        "CredoWeb",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: swiftSettings
    ),

    // MARK: - The executable: a few lines that hand over to CredoCLI.
    .executableTarget(
      name: "credo",
      dependencies: ["CredoCLI"],
      // Swift 5 mode only here: the C `stdout` global it line-buffers is not concurrency-annotated.
      swiftSettings: swiftSettings + [.swiftLanguageMode(.v5)]
    ),

    // MARK: - Test support: database harness for both backends, fixtures, fixed clock.
    .target(
      name: "CredoTestSupport",
      dependencies: [
        "CredoDomain",
        "CredoStore",
        "CredoCore",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "SQLKit", package: "sql-kit"),
      ],
      path: "Tests/CredoTestSupport",
      swiftSettings: swiftSettings
    ),

    // MARK: - Tests, one target per layer.
    .testTarget(
      name: "CredoDomainTests",
      dependencies: ["CredoDomain"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "CredoReferenceTests",
      dependencies: ["CredoDomain", "CredoReference"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "CredoStoreTests",
      dependencies: ["CredoDomain", "CredoStore", "CredoTestSupport"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "CredoCoreTests",
      dependencies: ["CredoDomain", "CredoStore", "CredoCore", "CredoTestSupport"],
      resources: [.copy("Fixtures")],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "CredoWebTests",
      dependencies: [
        "CredoDomain", "CredoCore", "CredoWeb", "CredoTestSupport",
        .product(name: "VaporTesting", package: "vapor"),
        .product(name: "Vapor", package: "vapor"),
      ],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "CredoCLITests",
      dependencies: [
        "CredoCLI", "CredoCore", "CredoTestSupport",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: swiftSettings
    ),
  ]
)
