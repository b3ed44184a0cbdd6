// swift-tools-version: 6.1
import Foundation
import PackageDescription

// cadesk's benchmarks, kept out of the test suite: timings are measured and reported, never
// asserted. Run them with Scripts/bench (release build, a cached 100,000-case database).

// SwiftPM names a path dependency after its folder: "main" here, whatever a checkout is called.
let cadesk = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "cadesk-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "CadeskBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Casework", package: cadesk),
                .product(name: "CaseStore", package: cadesk),
                .product(name: "TerminalKit", package: cadesk),
                .product(name: "DeskApp", package: cadesk),
            ],
            path: "Benchmarks/CadeskBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
