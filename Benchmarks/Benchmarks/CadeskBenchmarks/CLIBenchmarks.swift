import Benchmark
import Foundation

// The release `cadesk` binary, run as a user's script runs it: every figure includes starting
// the process and opening the database, which "start-up" measures alone.

func cliBenchmarks(_ bench: BenchSettings) {
    let cli = CadeskCLI(bench)
    // Only the wall clock means something here: the work happens in the child process.
    let config = Benchmark.Configuration(metrics: [.wallClock], timeUnits: .milliseconds,
                                         warmupIterations: 2, maxDuration: .seconds(4), maxIterations: 40)

    Benchmark("cli: start-up (open db, list officers)", configuration: config) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(cli.run(["officer", "list"])) }
    }
    Benchmark("cli: case list --limit 50 --json", configuration: config) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(cli.run(["case", "list", "--limit", "50", "--json"])) }
    }
    Benchmark("cli: case list --all --query ransomware", configuration: config) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(cli.run(["case", "list", "--all", "--query", "ransomware", "--limit", "50", "--json"]))
        }
    }
    Benchmark("cli: deadlines --within 14 --json", configuration: config) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(cli.run(["deadlines", "--within", "14", "--json"])) }
    }
    Benchmark("cli: case show --json", configuration: config) { benchmark in
        let ref = cli.someReference()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(cli.run(["case", "show", ref, "--json"])) }
    }

    // Making the 100,000-case office from nothing: one run, into a fresh file.
    if bench.measureDemo {
        Benchmark("cli: demo \(bench.demoCases) cases, new database",
                  configuration: .init(metrics: [.wallClock], timeUnits: .milliseconds,
                                       warmupIterations: 0, maxDuration: .seconds(600), maxIterations: 1)) { benchmark in
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("cadesk-bench-\(ProcessInfo.processInfo.processIdentifier)")
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("demo.sqlite").path
            benchmark.startMeasurement()
            blackHole(cli.run(["demo", "--cases", String(bench.demoCases), "--seed", "1"], database: path))
            benchmark.stopMeasurement()
        }
    }
}

/// Runs the built `cadesk` on the benchmark database with a fixed officer and date.
struct CadeskCLI: Sendable {
    let binary: String
    let database: String
    let today: String

    init(_ bench: BenchSettings) {
        binary = bench.binary; database = bench.database; today = bench.today
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
