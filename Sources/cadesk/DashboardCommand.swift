import ArgumentParser
import Casework
import CaseStore
import Foundation
import TerminalKit

/// `cadesk dashboard`: the figures a supervisor opens every morning (issue 10 §1), as of today.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "The office at a glance: overdue and due deadlines, preservations, workload per officer and State, ages, volumes.",
        discussion: """
            As of --today (default: today). Overdue deadlines are those whose day has passed; "due \
            within N days" counts from today to N days ahead, the overdue ones not included.
            Preservations: incoming ones expiring within 30 days (42.8), data to release once the \
            follow-up MLA was decided, outgoing ones whose follow-up MLA is due, extensions awaiting \
            the other State's reply.
            Ages of open cases are calendar days since received (incoming) or sent (outgoing), median \
            and p90 by nearest rank; drafts never sent are not counted.
            Months count requests received and sent (the current month so far); weeks give the \
            overdue count at the end of each of the last 12 weeks (the last is today).
            The same figures are the Dashboard tab of the interface.
            """)

    @Flag(help: "JSON for scripts.") var json = false
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let session = try Session.open(global, for: .reading)
        let figures = try session.store.dashboardFigures(today: session.today)
        print(json ? DashboardJSON.value(figures).text : DashboardText.text(figures))
    }
}

enum DashboardJSON {
    static func item(_ i: DashboardFigures.Item) -> PrettyJSON {
        .object([("counterpart", .string(i.counterpart)), ("days", .int(i.days)), ("due", .string(i.due.description)),
                 ("kind", .string(i.kind.rawValue)), ("officer", .string(i.officer)), ("ref", .string(i.ref))])
    }

    static func items(_ list: [DashboardFigures.Item]) -> PrettyJSON { .array(list.map(item)) }

    static func optionalInt(_ value: Int?) -> PrettyJSON { value.map(PrettyJSON.int) ?? .null }

    static func value(_ f: DashboardFigures) -> PrettyJSON {
        .object([
            ("today", .string(f.today.description)),
            ("openCases", .int(f.openCases)),
            ("overdue", .object([("count", .int(f.overdue.count)), ("deadlines", items(f.overdue))])),
            ("due", .array(f.due.map { h in
                .object([("within", .int(h.days)), ("count", .int(h.count)), ("deadlines", items(h.items))])
            })),
            ("preservations", .object([
                ("expiring", items(f.preservations.expiring)), ("releaseDue", items(f.preservations.releaseDue)),
                ("followUpDue", items(f.preservations.followUpDue)),
                ("extensionsAwaiting", items(f.preservations.extensionsAwaiting)),
            ])),
            ("officers", .array(f.officers.map { o in
                .object([("officer", .string(o.officer)), ("open", .int(o.open)), ("overdue", .int(o.overdue)),
                         ("dueWithin7", .int(o.dueWithinWeek)),
                         ("oldest", o.oldestRef.map { .object([("ref", .string($0)), ("days", optionalInt(o.oldestDays))]) } ?? .null)])
            })),
            ("counterparts", .array(f.counterparts.map { c in
                .object([("counterpart", .string(c.counterpart)), ("openIncoming", .int(c.openIncoming)),
                         ("openOutgoing", .int(c.openOutgoing)), ("overdue", .int(c.overdue))])
            })),
            ("ages", .array(f.ages.map { a in
                .object([("direction", .string(a.direction.rawValue)), ("kind", .string(a.kind.rawValue)),
                         ("count", .int(a.spread.count)), ("median", optionalInt(a.spread.median)), ("p90", optionalInt(a.spread.p90))])
            })),
            ("months", .array(f.months.map { m in
                .object([("month", .string(m.month)), ("received", .int(m.received)), ("sent", .int(m.sent)), ("soFar", .bool(m.soFar))])
            })),
            ("overdueByWeek", .array(f.weeks.map { w in .object([("end", .string(w.end.description)), ("overdue", .int(w.overdue))]) })),
        ])
    }
}

/// The dashboard for a terminal: sections of aligned tables; every stored text sanitised.
enum DashboardText {
    static func text(_ f: DashboardFigures) -> String {
        var out: [String] = []
        let due = f.due.map { "due ≤ \($0.days) d \($0.count)" }.joined(separator: " · ")
        out.append("Dashboard as of \(f.today) · \(f.openCases) open cases")
        out.append("Overdue \(f.overdue.count) · \(due)")
        if !f.overdue.isEmpty {
            out.append("")
            out.append("Overdue deadlines")
            out.append(table(f.overdue))
        }
        let p = f.preservations
        for (title, list) in [("Incoming preservations expiring within 30 days", p.expiring),
                              ("Preserved data to release (follow-up MLA decided)", p.releaseDue),
                              ("Outgoing preservations: follow-up MLA due", p.followUpDue),
                              ("Extensions awaiting a reply", p.extensionsAwaiting)] {
            out.append("")
            out.append("\(title): \(list.count)")
            if !list.isEmpty { out.append(table(list)) }
        }
        out.append("")
        out.append("Per officer")
        out.append(TextTables.table(["OFFICER", "OPEN", "OVERDUE", "DUE ≤ 7 D", "OLDEST OPEN", "DAYS"], f.officers.map { o in
            [o.officer.isEmpty ? "unassigned" : o.officer, "\(o.open)", "\(o.overdue)", "\(o.dueWithinWeek)",
             o.oldestRef ?? "—", o.oldestDays.map(String.init) ?? "—"]
        }))
        out.append("")
        out.append("Per counterpart State")
        out.append(TextTables.table(["STATE", "OPEN IN", "OPEN OUT", "OVERDUE"], f.counterparts.map { c in
            [c.counterpart, "\(c.openIncoming)", "\(c.openOutgoing)", "\(c.overdue)"]
        }))
        out.append("")
        out.append("Age of open cases (calendar days since received or sent)")
        out.append(TextTables.table(["DIRECTION", "KIND", "OPEN", "MEDIAN", "P90"], f.ages.map { a in
            [a.direction.rawValue, a.kind.rawValue, "\(a.spread.count)", a.spread.median.map(String.init) ?? "—",
             a.spread.p90.map(String.init) ?? "—"]
        }))
        out.append("")
        out.append("Requests per month")
        out.append(TextTables.table(["MONTH", "RECEIVED", "SENT", ""], f.months.map { m in
            [m.month, "\(m.received)", "\(m.sent)", m.soFar ? "so far" : ""]
        }))
        out.append("")
        out.append("Overdue at the end of each week: " + f.weeks.map { "\($0.overdue)" }.joined(separator: " ")
                   + " (" + Sparkline(f.weeks.map(\.overdue)).text(width: 12) + ")")
        return out.joined(separator: "\n")
    }

    static func table(_ items: [DashboardFigures.Item]) -> String {
        TextTables.table(["REF", "DEADLINE", "DUE", "WHEN", "OFFICER", "CTRY"], items.map { i in
            [i.ref, i.kind.rawValue, i.due.description, TextTables.when(days: i.days), i.officer, i.counterpart]
        })
    }
}
