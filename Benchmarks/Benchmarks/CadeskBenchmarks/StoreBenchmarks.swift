import Benchmark
import CaseStore
import Casework
import Foundation

// CaseStore calls as the desk and the command line make them, in this process.

func storeBenchmarks(_ bench: BenchSettings) {
    let openCases = CaseFilter(openOnly: true)

    // The Cases tab as it opens: the first page of open cases, in either order the desk offers.
    storeBenchmark("store: case list, first 50 open, by change", bench) { store, today in
        blackHole(try store.listCases(CaseQuery(filter: openCases, sort: .updated, limit: 50), today: today))
    }
    storeBenchmark("store: case list, first 50 open, by deadline", bench) { store, today in
        blackHole(try store.listCases(CaseQuery(filter: openCases, sort: .nextDue, limit: 50), today: today))
    }

    // Paging on: keyset (the previous page's `next`) and a jump deep into the list.
    storeBenchmark("store: case list, next 50 (keyset)", bench, prepare: { store, today in
        try store.listCases(CaseQuery(filter: openCases, limit: 50), today: today).next
    }) { store, today, next in
        blackHole(try store.listCases(CaseQuery(filter: openCases, limit: 50, after: next), today: today))
    }
    storeBenchmark("store: case list, 50 after 20,000 (keyset)", bench, prepare: { store, today in
        try store.listCases(CaseQuery(filter: openCases, limit: 20_000), today: today).next
    }) { store, today, next in
        blackHole(try store.listCases(CaseQuery(filter: openCases, limit: 50, after: next), today: today))
    }
    storeBenchmark("store: case list, 50 at offset 20,000", bench) { store, today in
        blackHole(try store.listCases(CaseQuery(filter: openCases, limit: 50, offset: 20_000), today: today))
    }

    // Typing "ransomware lockbit" into the search box: each keystroke is a new query. `search` is
    // the ranked search of all cases; the desk's list narrows with the text as a filter (a count
    // and the first page, open cases).
    for text in ["ra", "rans", "ransomware lockbit"] {
        storeBenchmark("store: search \"\(text)\", best 50", bench) { store, today in
            blackHole(try store.search(text, limit: 50, today: today))
        }
        storeBenchmark("store: list \"\(text)\", count + first 50 open", bench) { store, today in
            let filter = CaseFilter(openOnly: true, text: text)
            blackHole(try store.count(filter))
            blackHole(try store.listCases(CaseQuery(filter: filter, limit: 50), today: today))
        }
    }

    storeBenchmark("store: deadlines within 14 days", bench) { store, today in
        blackHole(try store.deadlines(DeadlineFilter(scope: .within(14)), today: today))
    }

    // Opening a case: the file folded from its events, its deadlines and checklist.
    storeBenchmark("store: open one case", bench, prepare: { store, today in
        let ref = try store.listCases(CaseQuery(filter: openCases, sort: .ref, limit: 1, offset: 500), today: today)
            .cases[0].ref
        return (ref, try store.context(actor: "bench.lead", today: today, now: Date()))
    }) { store, _, prepared in
        let (ref, context) = prepared
        let file = try store.caseFile(.ref(ref))
        blackHole(Engine.deadlines(for: file, context: context))
        blackHole(Engine.checklist(for: file))
        blackHole(file)
    }

    storeBenchmark("store: dashboard", bench) { store, today in
        blackHole(try store.dashboard(today: today))
    }

    // The supervisor's Dashboard tab (issue 10): every figure, the month chart and the weekly
    // overdue history, decided by Casework over the store's rows. Target: under 100 ms.
    storeBenchmark("store: dashboard figures", bench) { store, today in
        blackHole(try store.dashboardFigures(today: today))
    }

    // The office report (issue 10 §3) over the year up to today, as `cadesk report` counts it.
    storeBenchmark("store: office report, one year", bench) { store, today in
        blackHole(try store.officeReport(ReportPeriod(from: today.adding(days: -364), to: today)!))
    }
}

/// A benchmark of `run` on the demo database, opened once (in the setup) together with whatever
/// `prepare` computes there, outside the measurement.
func storeBenchmark<Prepared>(_ name: String, _ bench: BenchSettings,
                              prepare: @escaping (CaseStore, CivilDate) throws -> Prepared,
                              run: @escaping (CaseStore, CivilDate, Prepared) throws -> Void) {
    Benchmark(name, closure: { benchmark, fixture in
        let (store, today, prepared): (CaseStore, CivilDate, Prepared) = fixture
        for _ in benchmark.scaledIterations { try run(store, today, prepared) }
    }, setup: {
        let store = try CaseStore.openExisting(path: bench.database)
        let today = try bench.civilToday()
        return (store, today, try prepare(store, today))
    })
}

func storeBenchmark(_ name: String, _ bench: BenchSettings,
                    run: @escaping (CaseStore, CivilDate) throws -> Void) {
    storeBenchmark(name, bench, prepare: { _, _ in () }) { store, today, _ in try run(store, today) }
}

struct BenchSetupError: Error, CustomStringConvertible {
    let description: String
}

extension BenchSettings {
    func civilToday() throws -> CivilDate {
        guard let day = CivilDate(today) else { throw BenchSetupError(description: "CADESK_BENCH_TODAY=\(today) is not a date") }
        return day
    }
}
