import Benchmark
import Foundation

// Benchmarks of what an officer waits for, on a 100,000-case demo database (Scripts/bench makes
// it once and sets the environment). Three groups:
//
// - store: CaseStore calls in this process, as the desk makes them (StoreBenchmarks.swift), and
//          durable writes on a copy of the database (WriteBenchmarks.swift);
// - desk:  keys through the DeskApp reducer and screens drawn into an in-memory buffer, through
//          DeskApp's `DeskProbe` (DeskBenchmarks.swift);
// - cli:   the release `cadesk` binary run as a user's script runs it, so each figure includes
//          starting the process and opening the database ("start-up" is that part alone).
//
// The in-process benchmarks open the database once each (in their setup), so their figures are
// the work alone. Timings are reported, never asserted.

let benchmarks: @Sendable () -> Void = {
    let bench = BenchSettings.fromEnvironment()
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock],
        timeUnits: .microseconds,
        warmupIterations: 3,
        maxDuration: .seconds(3),
        maxIterations: 2_000)

    storeBenchmarks(bench)
    writeBenchmarks(bench)
    searchBenchmarks(bench)
    deskBenchmarks(bench)
    cliBenchmarks(bench)
}

/// What Scripts/bench passes in the environment.
struct BenchSettings: Sendable {
    /// The release `cadesk` binary.
    let binary: String
    /// The demo database (only read).
    let database: String
    /// "Today" of the demo office, as `YYYY-MM-DD`.
    let today: String
    let demoCases: Int
    let measureDemo: Bool

    static func fromEnvironment() -> BenchSettings {
        let env = ProcessInfo.processInfo.environment
        guard let binary = env["CADESK_BIN"], let database = env["CADESK_BENCH_DB"] else {
            fatalError("run the benchmarks with Scripts/bench (it sets CADESK_BIN and CADESK_BENCH_DB)")
        }
        return BenchSettings(binary: binary, database: database, today: env["CADESK_BENCH_TODAY"] ?? "2026-06-30",
                             demoCases: Int(env["CADESK_BENCH_CASES"] ?? "") ?? 100_000,
                             measureDemo: env["CADESK_BENCH_DEMO"] != "0")
    }
}
