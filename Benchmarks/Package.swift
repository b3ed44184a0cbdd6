// swift-tools-version: 6.1
import PackageDescription

// cadesk's benchmarks, kept out of the test suite: timings are measured and reported, never
// asserted. Run them with Scripts/bench (release build, a cached 100,000-case database).
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
            ],
            path: "Benchmarks/CadeskBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
