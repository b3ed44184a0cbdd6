import CaseStore
import Casework
import Foundation
// `date(_:)` and `TemporaryFolder` come from the shared TestSupport, for every file here.
@_exported import TestSupport

/// A small office on 2026-03-01 with the cases of SCREENS.md.
enum Fixtures {
    static let today = CivilDate(year: 2026, month: 3, day: 1)!
    static let now = Date(timeIntervalSince1970: 1_772_350_000)

    static func emptyStore() throws -> CaseStore {
        let store = try CaseStore.inMemory()
        try store.initialize(office: "Central Authority of Ruritania", state: "DEU", timeZone: "UTC", firstSupervisor: "a.moreau")
        try store.addOfficer("j.okafor", role: .officer)
        try store.addOfficer("l.chen", role: .officer)
        return store
    }

    static func context(_ store: CaseStore, actor: String = "a.moreau") throws -> CaseContext {
        try store.context(actor: actor, today: today, now: now)
    }

    static func date(_ text: String) -> CivilDate { TestSupport.date(text) }

    @discardableResult
    static func register(_ store: CaseStore, _ direction: Direction, _ kind: RequestKind, from counterpart: String,
                         on received: String, title: String, officer: String = "a.moreau",
                         offenceClass: OffenceClass = .conventionOffence) throws -> CaseFile {
        try store.register(Registration(direction: direction, kind: kind, counterpart: counterpart,
                                        received: date(received), title: title, facts: "Facts of \(title).",
                                        offence: "illegal access", offenceClass: offenceClass,
                                        purposes: kind == .mla ? [.storedData] : [], officer: officer,
                                        items: [.requestingAuthority: "Prosecutor"]),
                           actor: officer, today: today, now: now)
    }

    @discardableResult
    static func act(_ store: CaseStore, _ file: CaseFile, _ action: Action, _ inputs: ActionInputs,
                    actor: String = "a.moreau") throws -> CaseFile {
        try store.act(.id(file.id), action: action, inputs: inputs, actor: actor, today: today, now: now)
    }

    /// Four cases: a preserved incoming preservation (expiry in 10 d), an incoming MLA whose
    /// consultation reply is overdue, an incoming preservation in consultation, and an MLA with a
    /// CJK title.
    static func office() throws -> CaseStore {
        let store = try emptyStore()
        let pres = try register(store, .incoming, .preservation, from: "FRA", on: "2026-01-08", title: "Hosting accounts breach")
        try act(store, pres, .preserve, ActionInputs(on: date("2026-01-10"), days: 60, custodian: "ExampleHost"))
        let mla = try register(store, .incoming, .mla, from: "ITA", on: "2026-01-20", title: "Ransomware payments", officer: "j.okafor")
        try act(store, mla, .assess, ActionInputs(on: date("2026-01-21")), actor: "j.okafor")
        try act(store, mla, .consult, ActionInputs(on: date("2026-02-10"), reason: "domestic order needed", proposal: .refuse), actor: "j.okafor")
        let consult = try register(store, .incoming, .preservation, from: "USA", on: "2026-02-25", title: "Botnet logs")
        try act(store, consult, .consult, ActionInputs(on: date("2026-02-26"), reason: "content data", proposal: .refuse))
        try register(store, .incoming, .mla, from: "JPN", on: "2026-02-20", title: "サイバー攻撃の捜査", officer: "l.chen")
        return store
    }
}
