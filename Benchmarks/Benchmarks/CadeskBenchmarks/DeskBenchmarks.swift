import Benchmark
import CaseStore
import Casework
import DeskApp
import Foundation
import TerminalKit

// The terminal interface without a terminal: DeskApp's `DeskProbe` runs keys through the desk's
// reducer and draws its screens into an in-memory TerminalKit buffer.

func deskBenchmarks(_ bench: BenchSettings) {
    for (width, height) in [(80, 24), (120, 40)] {
        let size = "\(width)x\(height)"

        // What the officer waits for when cadesk opens, once the database is open: the counts,
        // the first window of the list, the first frame.
        Benchmark("desk: start, load + draw Cases \(size)", closure: { benchmark, fixture in
            let (store, session): (CaseStore, DeskSession) = fixture
            for _ in benchmark.scaledIterations {
                let desk = try DeskProbe(store: store, session: session, width: width, height: height)
                blackHole(desk.frame())
            }
        }, setup: {
            let store = try CaseStore.openExisting(path: bench.database)
            return (store, try bench.session(store))
        })

        deskBenchmark("desk: draw Cases \(size)", bench, width: width, height: height) { desk in
            blackHole(desk.frame())
        }
        // The Dashboard tab as it is shown (key 3): figures read and decided, charts drawn.
        Benchmark("desk: show + draw Dashboard \(size)", closure: { benchmark, box in
            let box: DeskBox = box
            for _ in benchmark.scaledIterations {
                benchmark.startMeasurement()
                box.desk.press(.char("3"))
                blackHole(box.desk.frame())
                benchmark.stopMeasurement()
                box.desk.press(.char("1"))
            }
        }, setup: {
            var desk = try bench.desk(width: width, height: height)
            try desk.pressChanging(.char("3"), "3 did not show the Dashboard")
            try desk.pressChanging(.char("1"), "1 did not show the Cases tab again")
            return DeskBox(desk)
        })
        // The office report from the Dashboard (r, then Show: the last full calendar year counted
        // and laid out as `cadesk report` prints it), drawn; Esc back, unmeasured.
        Benchmark("desk: open report screen \(size)", closure: { benchmark, box in
            let box: DeskBox = box
            for _ in benchmark.scaledIterations {
                benchmark.startMeasurement()
                box.desk.press(.char("r"))
                box.desk.press(.ctrl("s"))
                blackHole(box.desk.frame())
                benchmark.stopMeasurement()
                box.desk.press(.escape)
            }
        }, setup: {
            var desk = try bench.desk(width: width, height: height)
            try desk.pressChanging(.char("3"), "3 did not show the Dashboard")
            try desk.pressChanging(.char("r"), "r did not ask for the report's period")
            try desk.pressChanging(.ctrl("s"), "Ctrl-S did not show the report")
            try desk.pressChanging(.escape, "Esc did not close the report")
            return DeskBox(desk)
        })
        deskBenchmark("desk: draw a case \(size)", bench, width: width, height: height, prepare: { desk in
            try desk.pressChanging(.enter, "Enter did not open a case")
        }) { desk in
            blackHole(desk.frame())
        }
    }

    // The idle poll with nothing changed: what every open desk costs the database each tick
    // (the wall-clock check that used to sit in LargeOfficeTests).
    Benchmark("desk: idle tick, Cases 80x24", closure: { benchmark, box in
        let box: DeskBox = box
        for _ in benchmark.scaledIterations { box.desk.tick() }
    }, setup: { DeskBox(try bench.desk(width: 80, height: 24)) })

    for (width, height) in [(80, 24), (120, 40)] {
        let size = "\(width)x\(height)"
        // One keystroke, reducer and frame: the selection moves down one row (put back unmeasured).
        keystrokeBenchmark("desk: key Down + draw, Cases \(size)", bench, width: width, height: height, key: .down, undo: .up)
        // A one-key filter: only cases with an overdue deadline (count and first window again).
        keystrokeBenchmark("desk: filter key o (overdue) + draw, Cases \(size)", bench, width: width, height: height,
                           key: .char("o"), undo: .char("o"))
        // One more letter in the search box: "ra" becomes "ran", the list narrows. While keys
        // come, the desk fetches the first rows only; the count waits for the pause in the typing.
        let searchRa: (inout DeskProbe) throws -> Void = { desk in
            try desk.pressChanging(.char("/"), "/ did not start a search")
            for c in "ra" { try desk.pressChanging(.char(c), "typing did not change the screen") }
        }
        keystrokeBenchmark("desk: type \"n\" after \"ra\" + draw, \(size)", bench, width: width, height: height,
                           key: .char("n"), undo: .backspace, prepare: searchRa)
        // The same letter followed by the pause: first rows and frame, then the count and frame.
        keystrokeBenchmark("desk: type \"n\" after \"ra\" + draw, count + draw, \(size)", bench,
                           width: width, height: height, key: .char("n"), undo: .backspace, measuringThePause: true,
                           prepare: searchRa)
    }
}

/// A benchmark of `run` on a desk opened (with `prepare`) in the setup, outside the measurement.
func deskBenchmark(_ name: String, _ bench: BenchSettings, width: Int, height: Int,
                   prepare: @escaping (inout DeskProbe) throws -> Void = { _ in },
                   run: @escaping (DeskProbe) -> Void) {
    Benchmark(name, closure: { benchmark, desk in
        for _ in benchmark.scaledIterations { run(desk) }
    }, setup: {
        var desk = try bench.desk(width: width, height: height)
        try prepare(&desk)
        return desk
    })
}

/// One key and the next frame, measured; then `undo` (not measured), so every iteration starts
/// from the same screen. What the desk puts off until the typing pauses (`DeskProbe.settle`) is
/// done unmeasured, unless `measuringThePause`: then the settling and the frame after it count too.
func keystrokeBenchmark(_ name: String, _ bench: BenchSettings, width: Int, height: Int, key: Key, undo: Key,
                        measuringThePause: Bool = false,
                        prepare: @escaping (inout DeskProbe) throws -> Void = { _ in }) {
    Benchmark(name, closure: { benchmark, box in
        let box: DeskBox = box
        for _ in benchmark.scaledIterations {
            benchmark.startMeasurement()
            box.desk.press(key)
            blackHole(box.desk.frame())
            if measuringThePause {
                box.desk.settle()
                blackHole(box.desk.frame())
            }
            benchmark.stopMeasurement()
            box.desk.settle()
            box.desk.press(undo)
            box.desk.settle()
        }
    }, setup: {
        var desk = try bench.desk(width: width, height: height)
        try prepare(&desk)
        let before = desk.frame()
        try desk.pressChanging(key, "\(key) did not change the screen")
        try desk.pressChanging(undo, "\(undo) did not undo \(key)")
        guard desk.frame() == before else { throw BenchSetupError(description: "\(undo) did not undo \(key)") }
        return DeskBox(desk)
    })
}

/// A desk kept from one iteration to the next.
final class DeskBox {
    var desk: DeskProbe
    init(_ desk: DeskProbe) { self.desk = desk }
}

extension DeskProbe {
    /// Presses `key` and lets the desk settle, checking that the screen changed (so the benchmark
    /// measures what it says).
    mutating func pressChanging(_ key: Key, _ failure: String) throws {
        let before = frame()
        press(key)
        settle()
        guard frame() != before else { throw BenchSetupError(description: failure) }
    }
}

extension BenchSettings {
    /// The benchmark officer at the desk, on the demo office's today.
    func session(_ store: CaseStore) throws -> DeskSession {
        let officer = "bench.lead"
        return DeskSession(officer: officer, role: try store.role(of: officer) ?? .supervisor,
                           today: try civilToday(), pollMilliseconds: 3_600_000)
    }

    func desk(width: Int, height: Int) throws -> DeskProbe {
        let store = try CaseStore.openExisting(path: database)
        return try DeskProbe(store: store, session: try session(store), width: width, height: height)
    }
}
