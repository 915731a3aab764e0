// swift-tools-version:6.0
import PackageDescription

// The release build leaves out the run-time check that no two accesses to one variable
// overlap: it costs a customer flow a few percent, and the debug build the tests run keeps it.
let release: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "ConbiniKiosk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kiosk", targets: ["KioskCLI"]),
        .executable(name: "kiosk-bench", targets: ["KioskBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .systemLibrary(name: "CNCurses", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // The money words every module shares: yen, a handful of cash, how a customer pays, why a sale stopped.
        .target(name: "Money", swiftSettings: release),
        .target(
            name: "Ledger",
            dependencies: [
                "Money",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's own API, for the reports that step through a million rows (`RawRows`).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: release),
        .target(name: "Receipt", dependencies: ["Money", "CCairo", "CQREncode"], swiftSettings: release),
        // Runs other programs with a time limit, for the tests and the benchmarks.
        .target(name: "CChildProcess"),
        .target(name: "ChildProcess", dependencies: ["CChildProcess"]),
        .target(
            name: "Kiosk",
            dependencies: [
                "Money", "Ledger", "Receipt",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: release),
        // The head office: the HTTP service stores push their journals to, its PostgreSQL books,
        // and the client a store pushes with.
        .target(
            name: "HeadOffice",
            dependencies: [
                "Money", "Ledger", "Receipt", "Kiosk",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "KioskCLI",
            dependencies: [
                "Kiosk", "Money", "Ledger", "Receipt", "HeadOffice", "CNCurses", "CCairo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // What the loader does before `main` stays resident: the static Swift runtime's
            // link exports every symbol of the program (tens of thousands, none of them looked
            // up by name), and each of its pointers is a 24-byte relocation. Linked with lld,
            // unexported, with packed relative relocations, the kiosk starts in ~5 MB less.
            linkerSettings: [.unsafeFlags(["-use-ld=lld", "-Xlinker", "--no-export-dynamic", "-Xlinker", "-z", "-Xlinker",
                                           "pack-relative-relocs"], .when(platforms: [.linux], configuration: .release))]),
        .executableTarget(
            name: "KioskBench",
            dependencies: ["Kiosk", "Money", "Ledger", "Receipt", "ChildProcess", "CCairo", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "KioskTests", dependencies: ["Kiosk", "Money"], exclude: ["Frames"]),
        .testTarget(name: "MoneyTests", dependencies: ["Money"]),
        .testTarget(name: "LedgerTests", dependencies: ["Ledger", "Money", "ChildProcess"]),
        .testTarget(name: "ReceiptTests", dependencies: ["Receipt", "Money", "ChildProcess"], exclude: ["Goldens"]),
        .testTarget(name: "HeadOfficeTests", dependencies: ["HeadOffice", "Ledger", "Money", "ChildProcess",
                                                     .product(name: "Hummingbird", package: "hummingbird")]),
        .testTarget(name: "EndToEndTests", dependencies: ["Kiosk", "Money", "Ledger", "Receipt", "ChildProcess"], exclude: ["Scripts", "Ledgers"]),
    ],
    swiftLanguageModes: [.v5]
)
