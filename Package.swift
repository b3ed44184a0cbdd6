// swift-tools-version: 6.1
import PackageDescription
import Foundation

// The house (see ../shared/STYLE.md): a pure domain, a store, a terminal kit, the application
// and the executable. Data flows one way: key → action → reducer → state → render.
var targets: [Target] = [
    .target(name: "Casework", path: "Sources/Casework"),
    // An event's canonical bytes, digest and chain link, and the JSON they are made of: what the
    // store writes and a bundle reader checks, with no database (issue 8, item 5).
    .target(
        name: "CanonicalEvents",
        dependencies: ["Casework", .product(name: "Crypto", package: "swift-crypto")],
        path: "Sources/CanonicalEvents"
    ),
    .target(
        name: "CaseStore",
        dependencies: [
            "Casework", "CanonicalEvents", "CadeskResources", "CDeflate",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ],
        path: "Sources/CaseStore"
    ),
    // Data generated from Debian's iso-codes by Scripts/generate-resources, compiled in so the
    // binary never reads iso-codes (or a resource bundle) at run time.
    .target(name: "CadeskResources", path: "Resources", exclude: ["countries.tsv", "country-names.tsv", "languages.tsv", "templates"]),
    // zlib's raw DEFLATE with a preset dictionary behind two C functions: how the store keeps
    // event payloads (StoredPayload). zlib.h stays in the shim, clear of ZIPFoundation's CZLib.
    .target(name: "CDeflate", path: "Sources/CDeflate", linkerSettings: [.linkedLibrary("z")]),
    // ncursesw with a small C shim: its globals (stdscr, COLS, LINES) are not concurrency-safe
    // to touch from Swift 6, so the shim hands them out through functions.
    .target(
        name: "CNCurses",
        path: "Sources/CNCurses",
        cSettings: [.define("_XOPEN_SOURCE_EXTENDED"), .define("NCURSES_WIDECHAR", to: "1")],
        linkerSettings: [.linkedLibrary("ncursesw")]
    ),
    // Field bundles: age v1 encryption and the signed bundle payload, on swift-crypto only (no
    // database), so the format can be read, tested and fuzzed on its own.
    .target(
        name: "FieldBundle",
        dependencies: [
            "Casework", "CanonicalEvents",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ],
        path: "Sources/FieldBundle"
    ),
    // Realistic demo cases through the real engine and store (`cadesk demo`, benchmarks).
    .target(name: "DemoData", dependencies: ["Casework", "CaseStore"], path: "Sources/DemoData"),
    .target(name: "TerminalKit", dependencies: ["CNCurses"], path: "Sources/TerminalKit"),
    // Letters to the other State from the case, in the six UN languages (templates compiled in
    // from Resources/templates), as text or an in-memory .docx; and the deadlines calendar.
    .target(
        name: "Letters",
        dependencies: [
            "Casework", "CadeskResources",
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ],
        path: "Sources/Letters"
    ),
    // The office report laid out as tables, and as text, CSV and JSON: `cadesk report` and the
    // desk's report screen show the same bytes (issue 10 §3).
    .target(name: "ReportLayout", dependencies: ["Casework", "TerminalKit"], path: "Sources/ReportLayout"),
    .target(
        name: "DeskApp",
        dependencies: ["Casework", "CaseStore", "TerminalKit", "Letters", "ReportLayout"],
        path: "Sources/DeskApp"
    ),
    .executableTarget(
        name: "cadesk",
        dependencies: [
            "Casework", "CanonicalEvents", "CaseStore", "DeskApp", "TerminalKit", "DemoData", "Letters", "FieldBundle", "ReportLayout",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ],
        path: "Sources/cadesk"
    ),
    // What every test target shares (a civil date from text, a temporary folder), re-exported by
    // each target so that `date("2026-01-05")` and `TemporaryFolder()` read the same everywhere.
    .target(name: "TestSupport", dependencies: ["Casework"], path: "Tests/TestSupport"),
    .testTarget(
        name: "CaseworkTests",
        dependencies: ["Casework", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
        path: "Tests/CaseworkTests"
    ),
    .testTarget(name: "CanonicalEventsTests", dependencies: ["CanonicalEvents", "Casework"], path: "Tests/CanonicalEventsTests"),
    .testTarget(name: "LettersTests", dependencies: ["Letters", "Casework", "CadeskResources", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")], path: "Tests/LettersTests"),
    // TerminalTesting: its Spawn runs the built binary (a database migrated by the command).
    .testTarget(name: "CaseStoreTests", dependencies: ["CaseStore", "CanonicalEvents", "Casework", "TestSupport", "TerminalTesting"], path: "Tests/CaseStoreTests"),
    .testTarget(name: "FieldBundleTests", dependencies: ["FieldBundle", "CanonicalEvents", "Casework", "TerminalTesting", "TestSupport"], path: "Tests/FieldBundleTests"),
    .testTarget(name: "DemoDataTests", dependencies: ["DemoData", "CaseStore", "Casework", "TestSupport"], path: "Tests/DemoDataTests"),
    .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit", "TerminalTesting"], path: "Tests/TerminalKitTests"),
    // A real terminal for tests: a private tmux server driven by posix_spawn.
    .target(name: "TerminalTesting", path: "Tests/TerminalTesting"),
    .testTarget(
        name: "DeskAppTests",
        dependencies: ["DeskApp", "TerminalKit", "CaseStore", "Casework", "TestSupport", "ReportLayout"],
        path: "Tests/DeskAppTests"
    ),
    // Drives the built `cadesk` binary (and a real terminal through tmux) as a user would.
    .testTarget(name: "CLITests", dependencies: ["cadesk", "TerminalTesting"], path: "Tests/CLITests", exclude: ["Golden"]),
]

// While several people work on separate modules at once, CADESK_TARGETS=Casework,CaseworkTests
// builds only those targets (and what they need), so a half-edited module elsewhere cannot block
// another's build. Unset, the whole package builds.
if let only = ProcessInfo.processInfo.environment["CADESK_TARGETS"], !only.isEmpty {
    let keep = Set(only.split(separator: ",").map(String.init))
    targets = targets.filter { keep.contains($0.name) }
}

let package = Package(
    name: "cadesk",
    platforms: [.macOS(.v14)],
    // The libraries are products too, so the benchmarks (Benchmarks/, a package of its own) can
    // measure them in process.
    products: [
        .executable(name: "cadesk", targets: ["cadesk"]),
        .library(name: "Casework", targets: ["Casework"]),
        .library(name: "CanonicalEvents", targets: ["CanonicalEvents"]),
        .library(name: "CaseStore", targets: ["CaseStore"]),
        .library(name: "DemoData", targets: ["DemoData"]),
        .library(name: "FieldBundle", targets: ["FieldBundle"]),
        .library(name: "TerminalKit", targets: ["TerminalKit"]),
        .library(name: "DeskApp", targets: ["DeskApp"]),
    ].filter { _ in ProcessInfo.processInfo.environment["CADESK_TARGETS"]?.isEmpty ?? true },
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift.git", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", exact: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", exact: "0.9.20"),
    ],
    targets: targets,
    swiftLanguageModes: [.v6]
)
