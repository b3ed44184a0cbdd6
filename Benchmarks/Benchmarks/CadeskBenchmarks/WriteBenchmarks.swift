import Benchmark
import CaseStore
import Casework
import Foundation

// Durable writes, in this process, on a copy of the demo database (the demo itself is only read):
// WAL with synchronous=FULL, so each action's commit is on disk when it returns.

func writeBenchmarks(_ bench: BenchSettings) {
    // An officer's action on a case as the desk records it: read, fold, decide, append, reproject,
    // commit and fsync. A note changes nothing but the record, so every iteration is the same act.
    Benchmark("store: durable action (note), WAL + synchronous=FULL", closure: { benchmark, fixture in
        let (copy, ref, today): (DatabaseCopy, String, CivilDate) = fixture
        for n in benchmark.scaledIterations {
            blackHole(try copy.store.act(.ref(ref), action: .note, inputs: ActionInputs(note: "Bench note \(n)"),
                                         actor: "bench.lead", today: today, now: Date()))
        }
    }, setup: {
        let copy = try DatabaseCopy(of: bench.database)
        let today = try bench.civilToday()
        let ref = try copy.store.listCases(CaseQuery(filter: CaseFilter(openOnly: true), sort: .ref, limit: 1, offset: 700),
                                           today: today).cases[0].ref
        return (copy, ref, today)
    })
}

/// A private copy of the demo database for benchmarks that write, removed at the end.
final class DatabaseCopy: @unchecked Sendable {
    let folder: String
    let store: CaseStore

    init(of database: String) throws {
        folder = NSTemporaryDirectory() + "cadesk-bench-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let path = folder + "/cases.sqlite"
        // The source's log too, if it has one: its committed cases are part of the database.
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: database + suffix) {
            try FileManager.default.copyItem(atPath: database + suffix, toPath: path + suffix)
        }
        store = try CaseStore.openExisting(path: path)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }
}
