import Casework
import Foundation
import GRDB
import TerminalTesting
import Testing
@testable import CaseStore

/// A database made before the dashboard's dates (schema "v4-devices", before
/// "v5-dashboard-dates" added `cases.started` and `deadlines.closed`), opened by this cadesk:
/// the migrations fill both from the events, and the dashboard reads as counted by hand.
///
/// The v4 file is built by GRDB's migrator up to v4, then given the rows that schema had: the
/// office, its officers and policy, the events, and the projections without the later columns
/// (copied from an office recorded through today's engine, each table by the columns v4 had).
///
/// The office, as of Monday 2 March 2026 (week ends: 15, 22, 29 December, 5, 12, 19, 26 January,
/// 2, 9, 16, 23 February, 2 March), every case a.moreau's:
///
/// | case | what happens | counts |
/// | --- | --- | --- |
/// | A IN-MLA DEU | received 5 January, nothing done | open, 56 d; acknowledgement due 10 January: overdue (−51), and at every week end from 12 January |
/// | B IN-MLA FRA | received 20 February, assessed that day | open, 10 d |
/// | C IN-MLA ITA | received 1 December, assessed 3 December, executed 10 December, completed 15 January | closed; December: received |
/// | D OUT-PRES USA | drafted 25 February, sent 26 February | open, 4 d (from the day sent); February: sent |
/// | E IN-MLA DEU | received 20 January, assessed 4 February | open, 41 d; acknowledgement due 25 January, met late: overdue on 26 January and 2 February |
/// | F OUT-MLA FRA | drafted 10 February, never sent | open (a draft): no age, not in the months |
///
/// Ages of open incoming MLAs 10, 41, 56: median 41, p90 56 (nearest rank); outgoing
/// preservation 4. Months: December 1 received; January 2 (A, E); February 1 received (B),
/// 1 sent (D). Overdue per week: 0 0 0 0 1 1 2 2 1 1 1 1.
@Suite struct MigrationFromV4Tests {
    static let today = CivilDate("2026-03-02")!

    /// The office above, in a database of today's schema at `path`.
    static func recordOffice(at path: String) throws -> [String: String] {
        let store = try CaseStore.open(path: path)
        try store.initialize(office: "Central authority", state: "NLD", timeZone: "Europe/Amsterdam", firstSupervisor: "s.chief")
        try store.addOfficer("a.moreau", role: .officer)
        var refs: [String: String] = [:]
        func register(_ name: String, _ direction: Direction, _ kind: RequestKind, _ counterpart: String, _ received: String,
                      items: [ChecklistItemID: String] = [:]) throws {
            var r = Registration(direction: direction, kind: kind, counterpart: counterpart, received: CivilDate(received)!,
                                 title: "Case \(name)", facts: "")
            if kind == .mla { r.purposes = [.storedData] }
            r.items = items
            refs[name] = try store.register(r, actor: "a.moreau", today: today, now: Office.now).ref
        }
        func act(_ name: String, _ action: Action, _ on: String, _ inputs: ActionInputs = ActionInputs()) throws {
            var inputs = inputs
            inputs.on = CivilDate(on)!
            _ = try store.act(.ref(refs[name]!), action: action, inputs: inputs, actor: "a.moreau", today: today, now: Office.now)
        }
        try register("A", .incoming, .mla, "DEU", "2026-01-05")
        try register("B", .incoming, .mla, "FRA", "2026-02-20")
        try act("B", .assess, "2026-02-20")
        try register("C", .incoming, .mla, "ITA", "2025-12-01")
        try act("C", .assess, "2025-12-03")
        try act("C", .execute, "2025-12-10", ActionInputs(authority: "Police"))
        try act("C", .complete, "2026-01-15", ActionInputs(note: "sent"))
        let items: [String: String] = ["requesting-authority": "Prosecutor", "offence-facts": "Fraud", "data-to-preserve": "Logs",
                                        "custodian-location": "none-available", "necessity": "Volatile", "mla-intention": "Yes"]
        try register("D", .outgoing, .preservation, "USA", "2026-02-25",
                     items: Dictionary(uniqueKeysWithValues: items.map { (ChecklistItemID(rawValue: $0.key)!, $0.value) }))
        try act("D", .send, "2026-02-26")
        try register("E", .incoming, .mla, "DEU", "2026-01-20")
        try act("E", .assess, "2026-02-04")
        try register("F", .outgoing, .mla, "FRA", "2026-02-10")
        return refs
    }

    /// A database at schema v4 holding the office recorded in `source`, as v4 stored it.
    static func makeVersion4(at path: String, from source: String) throws {
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v4-devices")
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS src", arguments: [source])
            // v4 stored every payload as its JSON text.
            db.add(function: DatabaseFunction("payload_text", argumentCount: 1, pure: true) { StoredPayload.text($0[0]) })
            try db.inTransaction {
                let tables = try String.fetchAll(db, sql: """
                    SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                       AND name NOT LIKE 'grdb_%' AND name NOT LIKE 'case_text_%'
                    """)
                for table in tables {
                    let columns = try Row.fetchAll(db, sql: "PRAGMA main.table_info(\(table))").map { $0["name"] as String }
                    let theirs = Set(try Row.fetchAll(db, sql: "PRAGMA src.table_info(\(table))").map { $0["name"] as String })
                    let shared = columns.filter(theirs.contains).joined(separator: ", ")
                    guard !shared.isEmpty else { continue }
                    let read = table == "events" ? shared.replacingOccurrences(of: "payload", with: "payload_text(payload)") : shared
                    try db.execute(sql: "INSERT OR REPLACE INTO main.\(table)(\(shared)) SELECT \(read) FROM src.\(table)")
                }
                return .commit
            }
            try db.execute(sql: "DETACH DATABASE src")
        }
        try queue.close()
        // What v4 had, and what it did not.
        let check = try DatabaseQueue(path: path)
        let (last, caseColumns, deadlineColumns, cases) = try check.read { db in
            (try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid").last,
             try db.columns(in: "cases").map(\.name), try db.columns(in: "deadlines").map(\.name),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM cases"))
        }
        #expect(last == "v4-devices")
        #expect(!caseColumns.contains("started") && !deadlineColumns.contains("closed"))
        #expect(cases == 6)
        try check.close()
    }

    @Test func aVersion4DatabaseOpensWithTheDashboardCountedByHand() throws {
        let folder = TemporaryFolder()
        let refs = try Self.recordOffice(at: folder.file("today.sqlite"))
        let v4 = folder.file("v4.sqlite")
        try Self.makeVersion4(at: v4, from: folder.file("today.sqlite"))
        // The same file twice: one for the store here, one for the command.
        let forCommand = folder.file("v4-command.sqlite")
        try FileManager.default.copyItem(atPath: v4, toPath: forCommand)

        let store = try CaseStore.open(path: v4)
        let f = try store.dashboardFigures(today: Self.today)
        #expect(f.openCases == 5)
        #expect(f.overdue.map(\.ref) == [refs["A"]!])
        #expect(f.overdue.first?.kind == .acknowledgement && f.overdue.first?.days == -51)
        #expect(f.weeks.map(\.overdue) == [0, 0, 0, 0, 1, 1, 2, 2, 1, 1, 1, 1])
        let months = Dictionary(uniqueKeysWithValues: f.months.map { ($0.month, ($0.received, $0.sent)) })
        #expect(months["2025-12"]! == (1, 0))
        #expect(months["2026-01"]! == (2, 0))
        #expect(months["2026-02"]! == (1, 1))
        #expect(f.months.map(\.received).reduce(0, +) == 4 && f.months.map(\.sent).reduce(0, +) == 1)
        let incoming = try #require(f.ages.first { $0.direction == .incoming && $0.kind == .mla })
        #expect(incoming.spread == DaySpread([10, 41, 56]) && incoming.spread.median == 41 && incoming.spread.p90 == 56)
        let sent = try #require(f.ages.first { $0.direction == .outgoing && $0.kind == .preservation })
        #expect(sent.spread.count == 1 && sent.spread.median == 4)
        #expect(!f.ages.contains { $0.direction == .outgoing && $0.kind == .mla })
        let moreau = try #require(f.officers.first { $0.officer == "a.moreau" })
        #expect(moreau.open == 5 && moreau.overdue == 1 && moreau.oldestRef == refs["A"] && moreau.oldestDays == 56)
        let states = Dictionary(uniqueKeysWithValues: f.counterparts.map { ($0.counterpart, ($0.openIncoming, $0.openOutgoing, $0.overdue)) })
        #expect(states["DEU"]! == (2, 0, 1))
        #expect(states["FRA"]! == (1, 1, 0))
        #expect(states["USA"]! == (0, 1, 0))
        #expect(states["ITA"] == nil)

        // The command, on the other copy: it migrates it as it opens it, and says the same.
        let r = try Self.cadesk(["dashboard", "--json", "--db", forCommand, "--today", Self.today.description], home: folder.file("home"))
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["openCases"] as? Int == 5)
        let weeks = try #require(json["overdueByWeek"] as? [[String: Any]])
        #expect(weeks.compactMap { $0["overdue"] as? Int } == [0, 0, 0, 0, 1, 1, 2, 2, 1, 1, 1, 1])
        let overdue = try #require((json["overdue"] as? [String: Any])?["deadlines"] as? [[String: Any]])
        #expect(overdue.compactMap { $0["ref"] as? String } == [refs["A"]!])
        let months2 = try #require(json["months"] as? [[String: Any]])
        #expect(months2.first { $0["month"] as? String == "2026-02" }.map { ($0["received"] as? Int, $0["sent"] as? Int) }! == (1, 1))
        let migrated = try DatabaseQueue(path: forCommand)
        #expect(try migrated.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid").last }
                == Schema.knownMigrations.last)
        try migrated.close()
    }

    struct Ran { var status: Int32; var stdout: String; var stderr: String }

    /// The built `cadesk` ($CADESK_BIN, else beside this test bundle), with a home of its own.
    static func cadesk(_ args: [String], home: String) throws -> Ran {
        var path = ProcessInfo.processInfo.environment["CADESK_BIN"] ?? ""
        if !FileManager.default.isExecutableFile(atPath: path) {
            var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            for _ in 0..<4 where !FileManager.default.isExecutableFile(atPath: path) {
                path = dir.appendingPathComponent("cadesk").path
                dir = dir.deletingLastPathComponent()
            }
        }
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let result = try Spawn.run(path, args + ["--as", "s.chief"],
                                   environment: ["HOME": home, "XDG_DATA_HOME": home + "/data", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"],
                                   stdin: Data(), timeout: 60)
        return Ran(status: result.status, stdout: String(decoding: result.stdout, as: UTF8.self),
                   stderr: String(decoding: result.stderr, as: UTF8.self))
    }
}
