import Casework
import Foundation
import GRDB
@testable import CaseStore

// `TemporaryFolder` and `date(_:)` come from the shared TestSupport, for every file here.
@_exported import TestSupport

enum Where: String, CaseIterable, Sendable, CustomStringConvertible {
    case memory, disk
    var description: String { rawValue }
}

/// A store with an office, officers and helpers to register and act as of a fixed day.
struct Office {
    let store: CaseStore
    let folder: TemporaryFolder?
    static let today = CivilDate("2026-03-02")!
    /// 2026-03-02T10:00:00Z
    static let now = Date(timeIntervalSince1970: 1_772_445_600)

    init(_ location: Where = .memory) throws {
        switch location {
        case .memory:
            store = try CaseStore.inMemory()
            folder = nil
        case .disk:
            let folder = TemporaryFolder()
            store = try CaseStore.open(path: folder.file("cases.sqlite"))
            self.folder = folder
        }
        try store.initialize(office: "Central authority", state: "FRA", timeZone: "Europe/Paris",
                             firstSupervisor: "s.chief")
        try store.addOfficer("a.moreau", role: .officer)
        try store.addOfficer("v.viewer", role: .viewer)
    }

    func context(_ actor: String = "a.moreau", today: CivilDate = Office.today,
                 now: Date = Office.now) throws -> CaseContext {
        try store.context(actor: actor, today: today, now: now)
    }

    @discardableResult
    func register(_ direction: Direction = .incoming, _ kind: RequestKind = .mla, counterpart: String = "DEU",
                  title: String = "", facts: String = "", received: CivilDate = Office.today,
                  today: CivilDate = Office.today) throws -> CaseFile {
        var registration = Registration(direction: direction, kind: kind, counterpart: counterpart,
                                        received: received, title: title, facts: facts)
        // Stored data sought: such an MLA may follow up a preservation (42.8).
        if kind == .mla { registration.purposes = [.evidence, .storedData] }
        return try store.register(registration, actor: "a.moreau", today: today, now: Office.now)
    }

    @discardableResult
    func act(_ ref: String, _ action: Action, _ inputs: ActionInputs = ActionInputs(),
             actor: String = "a.moreau", today: CivilDate = Office.today) throws -> CaseFile {
        try store.act(.ref(ref), action: action, inputs: inputs, actor: actor, today: today, now: Office.now)
    }

    /// Every projection table's rows, as text, in a stable order (FTS content included).
    func projections() throws -> [String: [String]] {
        try store.read { db in
            var tables: [String: [String]] = [:]
            for (name, sql) in [
                ("cases", "SELECT * FROM cases ORDER BY seq"),
                ("deadlines", "SELECT * FROM deadlines ORDER BY case_id, kind, due, status"),
                ("links", "SELECT * FROM links ORDER BY case_id, other_id, relation"),
                ("deadline_spans", "SELECT * FROM deadline_spans ORDER BY case_id, n"),
                ("deadline_stretches", "SELECT * FROM deadline_stretches ORDER BY case_id, n"),
                ("case_text", "SELECT rowid, * FROM case_text ORDER BY rowid"),
            ] {
                tables[name] = try Row.fetchAll(db, sql: sql).map { $0.description }
            }
            return tables
        }
    }

    func sql(_ sql: String) throws {
        try store.write { db in try db.execute(sql: sql) }
    }
}
