import Benchmark
import Foundation

// Benchmarks of what an officer waits for, on a 100,000-case demo database. They run the
// release `cadesk` binary as a user would (the root package exposes no library product yet),
// so every figure includes starting the process and opening the database: the
// "start-up" benchmark measures that part alone. Scripts/bench sets the environment.

let benchmarks: @Sendable () -> Void = {
    let cli = CadeskCLI.fromEnvironment()
    Benchmark.defaultConfiguration = .init(
        // Only the wall clock means something here: the work happens in the child process.
        metrics: [.wallClock],
        timeUnits: .milliseconds,
        warmupIterations: 2,
        maxDuration: .seconds(6),
        maxIterations: 40)

    Benchmark("start-up (open db, list officers)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(cli.run(["officer", "list"])) }
    }

    Benchmark("case list, first 50 open, by change") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(cli.run(["case", "list", "--limit", "50", "--json"])) }
    }

    Benchmark("case list, first 50 open, by deadline") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(cli.run(["case", "list", "--limit", "50", "--sort", "next-due", "--json"]))
        }
    }

    // Typing "ransomware" into the search box: each keystroke is a new query.
    for prefix in ["ra", "ransomw", "ransomware lockbit"] {
        Benchmark("search keystroke \"\(prefix)\"") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(cli.run(["case", "list", "--all", "--query", prefix, "--limit", "50", "--json"]))
            }
        }
    }

    Benchmark("deadlines --within 14") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(cli.run(["deadlines", "--within", "14", "--json"])) }
    }

    Benchmark("case show (open one case)") { benchmark in
        let ref = cli.someReference()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(cli.run(["case", "show", ref, "--json"])) }
    }

    // Making the 100,000-case office from nothing: one run, into a fresh file.
    if cli.measureDemo {
        Benchmark("demo \(cli.demoCases) cases, new database",
                  configuration: .init(metrics: [.wallClock], timeUnits: .milliseconds,
                                       warmupIterations: 0, maxDuration: .seconds(600), maxIterations: 1)) { benchmark in
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("cadesk-bench-\(ProcessInfo.processInfo.processIdentifier)")
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("demo.sqlite").path
            benchmark.startMeasurement()
            blackHole(cli.run(["demo", "--cases", String(cli.demoCases), "--seed", "1"], database: path))
            benchmark.stopMeasurement()
        }
    }
}

/// Runs the built `cadesk` on the benchmark database with a fixed officer and date.
struct CadeskCLI: Sendable {
    let binary: String
    let database: String
    let today: String
    let demoCases: Int
    let measureDemo: Bool

    static func fromEnvironment() -> CadeskCLI {
        let env = ProcessInfo.processInfo.environment
        guard let binary = env["CADESK_BIN"], let database = env["CADESK_BENCH_DB"] else {
            fatalError("run the benchmarks with Scripts/bench (it sets CADESK_BIN and CADESK_BENCH_DB)")
        }
        return CadeskCLI(binary: binary, database: database, today: env["CADESK_BENCH_TODAY"] ?? "2026-06-30",
                         demoCases: Int(env["CADESK_BENCH_CASES"] ?? "") ?? 100_000,
                         measureDemo: env["CADESK_BENCH_DEMO"] != "0")
    }

    /// Standard output of one command; a failing command stops the benchmark run.
    func run(_ arguments: [String], database: String? = nil) -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments + ["--db", database ?? self.database, "--as", "bench.lead", "--today", today]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { fatalError("cannot run \(binary): \(error)") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            fatalError("cadesk \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return data
    }

    /// A reference from the middle of the list, to open.
    func someReference() -> String {
        let data = run(["case", "list", "--all", "--sort", "ref", "--limit", "500", "--json"])
        guard let cases = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]],
              let ref = cases.last?["ref"] as? String else {
            fatalError("case list --json gave no reference")
        }
        return ref
    }
}
