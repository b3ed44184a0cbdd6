import ArgumentParser
import Casework
import CaseStore
import DemoData
import Foundation

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Fill the database with realistic demo cases (deterministic for a seed).")
    @Option(help: "How many cases.") var cases: Int = 300
    @Option(help: "The seed: the same seed gives the same cases.") var seed: UInt64 = 1
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (1...1_000_000).contains(cases) else { throw ValidationError("--cases must be from 1 to 1000000") }
    }

    func run() throws {
        let session = try Session.open(global)
        let started = Date()
        let summary = try DemoGenerator.populate(session.store, cases: cases, seed: seed, today: session.today,
                                                 actor: session.officer)
        let seconds = Date().timeIntervalSince(started)
        print("\(summary.cases) demo cases, \(summary.events) events, in \(String(format: "%.1f", seconds)) s")
    }
}
