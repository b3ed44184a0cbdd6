import ArgumentParser
import Casework
import CaseStore
import DemoData
import Foundation
import TerminalKit

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Make a training database of realistic demo cases (deterministic for a seed).",
        discussion: "Only into a new or empty database, which becomes a training database for good (cadesk init a new one for real work).")
    @Option(help: "How many cases (1 to 10000000).") var cases: Int = 300
    @Option(help: "The seed: the same seed gives the same cases.") var seed: UInt64 = 1
    @OptionGroup var global: GlobalOptions

    static let casesAllowed = 1...10_000_000

    func validate() throws {
        guard Self.casesAllowed.contains(cases) else { throw ValidationError("--cases must be from 1 to 10000000") }
    }

    func run() throws {
        let path = global.databasePath
        let isNew = !CaseStore.exists(path)
        let store = isNew ? try CaseStore.create(path: try DatabaseCreation.checkedPath(path))
                          : try CaseStore.openExisting(path: path)
        let started = Date()
        let summary: DemoSummary
        do {
            summary = try TrainingDemo.load(into: store, global: global, cases: cases, seed: seed)
        } catch {
            if isNew { for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) } }
            throw error
        }
        let seconds = Date().timeIntervalSince(started)
        print("\(summary.cases) demo cases, \(summary.events) events, in \(String(format: "%.1f", seconds)) s · training database \(Sanitize.terminalSafe(store.path))")
    }
}

/// Demo cases go only into a new or empty database, which becomes a training database first
/// (CLI.md): fake cases recorded as real people must never sit in an office's records.
enum TrainingDemo {
    static func load(into store: CaseStore, global: GlobalOptions, cases: Int, seed: UInt64) throws -> DemoSummary {
        if try store.holdsCases() {
            throw CLIError.refused("demo", "\(store.path) holds cases: demo cases go only into a new or empty database, which becomes a training database (e.g. cadesk demo --db training.sqlite)")
        }
        if try store.isInitialized() {
            // Only a supervisor turns an (empty) office database into a training one.
            let session = try Session.open(global, store: store, for: .reading)
            try session.require(.loadDemo)
        }
        try store.becomeTraining()
        let policy = try store.loadPolicy()
        let actor = try Identity.actingOfficer(global, policy: policy)
        let today = try global.todayDate(timeZone: policy.timeZone)
        return try DemoGenerator.populate(store, cases: cases, seed: seed, today: today, actor: actor)
    }
}
