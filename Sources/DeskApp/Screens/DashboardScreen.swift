import CaseStore
import Casework
import Foundation
import TerminalKit

/// The cases behind a figure: what Enter lists on the Cases tab.
struct DashboardTarget: Hashable {
    /// "overdue deadlines", "j.okafor's open cases" — shown as the list's filter.
    var title: String
    var filter: CaseFilter
}

/// How the per-officer table is ordered (`s` turns to the next).
enum OfficerSort: CaseIterable, Hashable {
    case open, overdue, dueWithinWeek, oldest, name

    var title: String {
        switch self {
        case .open: return "open cases"
        case .overdue: return "overdue"
        case .dueWithinWeek: return "due ≤ 7 d"
        case .oldest: return "oldest open case"
        case .name: return "name"
        }
    }

    func sorted(_ lines: [DashboardFigures.Officer]) -> [DashboardFigures.Officer] {
        lines.sorted { a, b in
            switch self {
            case .open: return (b.open, a.officer) < (a.open, b.officer)
            case .overdue: return (b.overdue, b.open, a.officer) < (a.overdue, a.open, b.officer)
            case .dueWithinWeek: return (b.dueWithinWeek, b.open, a.officer) < (a.dueWithinWeek, a.open, b.officer)
            case .oldest: return (b.oldestDays ?? -1, a.officer) < (a.oldestDays ?? -1, b.officer)
            case .name: return a.officer < b.officer
            }
        }
    }
}

struct DashboardState {
    var figures: DashboardFigures?
    /// The figures are still to be counted: the desk's first frame is drawn before them, and
    /// the tick right after it counts them (`countLater` while the desk starts).
    var counting = false
    var countLater = false
    /// The figure under the cursor: its line and its place among the figures of that line.
    var line = 0
    var cell = 0
    /// The first line shown (the sections scroll on a small terminal).
    var offset = 0
    var officerSort: OfficerSort = .open
    /// The office report shown in place of the figures (`r`), until Esc.
    var report: ReportView?
    /// The period asked for, counted on the idle tick after the frame that says so: a year at
    /// 100,000 cases folds every case it touches, some seconds.
    var reportToCount: (period: ReportPeriod, name: String)?
}

/// A piece of a dashboard line at column `x` (from the body's left), `width` wide; a figure
/// when it has a target.
struct DashCell {
    var x: Int
    var width: Int
    var spans: [Span]
    var target: DashboardTarget?
}

/// One line of the dashboard: text pieces, or a row of a bar chart drawn by `BarChart`.
struct DashLine {
    var cells: [DashCell] = []
    /// Rows of charts shown on this line: (chart, row, x, width).
    var chartRows: [(chart: Int, row: Int, x: Int, width: Int)] = []
    var isRule = false
    var title = ""
    var targets: [Int] { cells.indices.filter { cells[$0].target != nil } }
}

struct DashboardLayout {
    var lines: [DashLine] = []
    var charts: [BarChart] = []
}

enum DashboardScreen {
    // MARK: layout

    static func layout(_ f: DashboardFigures, width: Int, sort: OfficerSort) -> DashboardLayout {
        var out = DashboardLayout()
        let wide = width >= 120
        out.lines += headline(f, width: width)
        if wide {
            let half = (width - 1) / 2
            var left = DashboardLayout(), right = DashboardLayout()
            left.lines = officers(f, width: half, sort: sort) + ages(f, width: half)
            right.lines = counterparts(f, width: width - half - 1, limit: 8)
            months(f, width: width - half - 1, into: &right)
            out.charts = right.charts
            let shift = half + 1
            for k in 0..<max(left.lines.count, right.lines.count) {
                var line = left.lines[safe: k] ?? DashLine()
                if var r = right.lines[safe: k] {
                    if r.isRule {
                        r.cells = [DashCell(x: 0, width: width - shift, spans: [Span(ruleText(r.title, width - shift), .muted)])]
                    }
                    if line.isRule {
                        line.cells = [DashCell(x: 0, width: half, spans: [Span(ruleText(line.title, half), .muted)])]
                        line.isRule = false
                    }
                    line.cells += r.cells.map { var c = $0; c.x += shift; return c }
                    line.chartRows += r.chartRows.map { ($0.chart, $0.row, $0.x + shift, $0.width) }
                }
                out.lines.append(line)
            }
        } else {
            out.lines += officers(f, width: width, sort: sort)
            out.lines += counterparts(f, width: width, limit: nil)
            out.lines += ages(f, width: width)
            months(f, width: width, into: &out)
        }
        return out
    }

    static func ruleText(_ title: String, _ width: Int) -> String {
        let head = "─ \(title) "
        return head + String(repeating: "─", count: max(0, width - displayWidth(head)))
    }

    static func rule(_ title: String) -> DashLine { DashLine(isRule: true, title: title) }

    /// Pieces laid left to right from `x`, two spaces apart, wrapping under the first piece.
    static func flow(_ label: String, _ pieces: [(text: [Span], target: DashboardTarget?)], width: Int) -> [DashLine] {
        var lines: [DashLine] = []
        var line = DashLine(cells: [DashCell(x: 1, width: displayWidth(label), spans: [Span(label, Style(.header, [.bold]))])])
        let indent = 1 + displayWidth(label) + 2
        var x = indent
        for piece in pieces {
            let w = piece.text.reduce(0) { $0 + displayWidth($1.text) }
            if x + w > width - 1, x > indent {
                lines.append(line)
                line = DashLine()
                x = indent
            }
            line.cells.append(DashCell(x: x, width: w, spans: piece.text, target: piece.target))
            x += w + 3
        }
        lines.append(line)
        return lines
    }

    static func ids(_ items: [DashboardFigures.Item]) -> [UUID] {
        var seen = Set<UUID>()
        return items.compactMap { seen.insert($0.caseID).inserted ? $0.caseID : nil }
    }

    static func deadlinesTarget(_ title: String, _ items: [DashboardFigures.Item]) -> DashboardTarget {
        DashboardTarget(title: title, filter: CaseFilter(ids: ids(items)))
    }

    static func figure(_ label: String, _ count: Int, _ style: Style) -> [Span] {
        [Span(label + " ", .normal), Span("\(count)", count > 0 ? style : .normal)]
    }

    static func headline(_ f: DashboardFigures, width: Int) -> [DashLine] {
        var lines = flow("Deadlines", [(figure("overdue", f.overdue.count, .overdue), deadlinesTarget("overdue deadlines", f.overdue))]
            + f.due.map { h in (figure("due ≤ \(h.days) d", h.count, .dueSoon), deadlinesTarget("deadlines due within \(h.days) days", h.items)) },
            width: width)
        let p = f.preservations
        lines += flow("Preservations", [
            (figure("expiring ≤ 30 d", p.expiring.count, .dueSoon), deadlinesTarget("incoming preservations expiring within 30 days", p.expiring)),
            (figure("release due", p.releaseDue.count, .dueSoon), deadlinesTarget("preserved data to release", p.releaseDue)),
            (figure("follow-up MLA due", p.followUpDue.count, .dueSoon), deadlinesTarget("outgoing preservations: follow-up MLA due", p.followUpDue)),
            (figure("extensions awaiting reply", p.extensionsAwaiting.count, .normal), deadlinesTarget("extensions awaiting a reply", p.extensionsAwaiting)),
        ], width: width)
        let spark = Sparkline(f.weeks.map(\.overdue), style: .overdue).text(width: 12)
        lines += flow("Overdue, 12 weeks", [
            ([Span(spark, .accent), Span(" now \(f.weeks.last?.overdue ?? 0)", .normal)], deadlinesTarget("overdue deadlines", f.overdue)),
        ], width: width)
        return lines
    }

    static func officers(_ f: DashboardFigures, width: Int, sort: OfficerSort) -> [DashLine] {
        var lines = [rule("Per officer · by \(sort.title) (s)")]
        let nameW = 12, numW = 7
        let header = [("OFFICER", nameW, false), ("OPEN", 5, true), ("OVERDUE", numW, true), ("≤ 7 D", 5, true)]
        var headCells: [DashCell] = []
        var x = 1
        for (text, w, right) in header {
            headCells.append(DashCell(x: x, width: w, spans: [Span(right ? TextFit.pad(text, width: w, alignment: .right) : text, Style(.header, [.bold]))]))
            x += w + 1
        }
        let oldestX = x + 1
        headCells.append(DashCell(x: oldestX, width: max(0, width - oldestX), spans: [Span("OLDEST OPEN", Style(.header, [.bold]))]))
        lines.append(DashLine(cells: headCells))
        let overdue = Dictionary(grouping: f.overdue, by: \.officer)
        let week = Dictionary(grouping: f.due.first { $0.days == 7 }?.items ?? [], by: \.officer)
        for o in sort.sorted(f.officers) {
            let name = o.officer.isEmpty ? "unassigned" : o.officer
            let who = o.officer.isEmpty ? "unassigned cases" : "\(o.officer)'s"
            var cells = [
                DashCell(x: 1, width: nameW + 6, spans: [Span(TextFit.pad(TextFit.truncate(name, width: nameW), width: nameW)),
                                                         Span(TextFit.pad("\(o.open)", width: 6, alignment: .right))],
                         target: DashboardTarget(title: o.officer.isEmpty ? "open unassigned cases" : "\(o.officer)'s open cases",
                                                 filter: CaseFilter(officer: o.officer, openOnly: true))),
                DashCell(x: 1 + nameW + 7, width: numW, spans: [Span(TextFit.pad("\(o.overdue)", width: numW, alignment: .right),
                                                                     o.overdue > 0 ? .overdue : .normal)],
                         target: deadlinesTarget("\(who) overdue deadlines", overdue[o.officer] ?? [])),
                DashCell(x: 1 + nameW + 7 + numW + 1, width: 5, spans: [Span(TextFit.pad("\(o.dueWithinWeek)", width: 5, alignment: .right),
                                                                             o.dueWithinWeek > 0 ? .dueSoon : .normal)],
                         target: deadlinesTarget("\(who) deadlines due within 7 days", week[o.officer] ?? [])),
            ]
            if let ref = o.oldestRef, let days = o.oldestDays {
                let text = "\(ref) \(days) d"
                cells.append(DashCell(x: oldestX, width: min(displayWidth(text), max(0, width - oldestX)), spans: [Span(text)],
                                      target: DashboardTarget(title: "\(ref)", filter: CaseFilter(text: ref))))
            }
            lines.append(DashLine(cells: cells))
        }
        if f.officers.isEmpty { lines.append(DashLine(cells: [DashCell(x: 1, width: 20, spans: [Span("no open case", .muted)])])) }
        return lines
    }

    static func counterparts(_ f: DashboardFigures, width: Int, limit: Int?) -> [DashLine] {
        var lines = [rule("Per counterpart State")]
        var head: [DashCell] = []
        for (x, w, text) in [(1, 5, "STATE"), (7, 8, "OPEN IN"), (16, 9, "OPEN OUT"), (26, 8, "OVERDUE")] {
            head.append(DashCell(x: x, width: w, spans: [Span(x == 1 ? text : TextFit.pad(text, width: w, alignment: .right), Style(.header, [.bold]))]))
        }
        lines.append(DashLine(cells: head))
        let overdue = Dictionary(grouping: f.overdue, by: \.counterpart)
        let shown = limit.map { Array(f.counterparts.prefix($0)) } ?? f.counterparts
        for c in shown {
            func n(_ value: Int, _ w: Int, _ style: Style = .normal) -> [Span] {
                [Span(TextFit.pad("\(value)", width: w, alignment: .right), value > 0 ? style : .normal)]
            }
            lines.append(DashLine(cells: [
                DashCell(x: 1, width: 5, spans: [Span(c.counterpart)]),
                DashCell(x: 7, width: 8, spans: n(c.openIncoming, 8),
                         target: DashboardTarget(title: "open incoming cases from \(c.counterpart)",
                                                 filter: CaseFilter(direction: .incoming, counterpart: c.counterpart, openOnly: true))),
                DashCell(x: 16, width: 9, spans: n(c.openOutgoing, 9),
                         target: DashboardTarget(title: "open outgoing cases to \(c.counterpart)",
                                                 filter: CaseFilter(direction: .outgoing, counterpart: c.counterpart, openOnly: true))),
                DashCell(x: 26, width: 8, spans: n(c.overdue, 8, .overdue),
                         target: deadlinesTarget("overdue deadlines with \(c.counterpart)", overdue[c.counterpart] ?? [])),
            ]))
        }
        if let limit, f.counterparts.count > limit {
            lines.append(DashLine(cells: [DashCell(x: 1, width: width - 2, spans: [Span("… \(f.counterparts.count - limit) more States", .muted)])]))
        }
        return lines
    }

    static func ages(_ f: DashboardFigures, width: Int) -> [DashLine] {
        var lines = [rule("Age of open cases · days since received or sent")]
        for a in f.ages {
            let label = TextFit.pad(Phrases.kindLabel(a.direction, a.kind), width: 18)
            let text = "\(label)\(TextFit.pad("\(a.spread.count)", width: 5, alignment: .right)) open  median \(a.spread.median.map(String.init) ?? "—")  p90 \(a.spread.p90.map(String.init) ?? "—")"
            lines.append(DashLine(cells: [DashCell(x: 1, width: min(displayWidth(text), width - 2), spans: [Span(text)],
                                                   target: DashboardTarget(title: "open \(Phrases.kindLabel(a.direction, a.kind)) cases",
                                                                           filter: CaseFilter(direction: a.direction, kind: a.kind, openOnly: true)))]))
        }
        if f.ages.isEmpty { lines.append(DashLine(cells: [DashCell(x: 1, width: 20, spans: [Span("no open case", .muted)])])) }
        return lines
    }

    /// Received and sent per month, side by side, one bar chart each.
    static func months(_ f: DashboardFigures, width: Int, into out: inout DashboardLayout) {
        out.lines.append(rule("Received and sent per month"))
        // The month is a label of its own (the chart would cut "2026-03 so far"); both charts
        // share one scale so that their bars compare.
        let labelWidth = 15
        let half = (width - labelWidth - 3) / 2
        let top = max(1, f.months.map { max($0.received, $0.sent) }.max() ?? 1)
        let received = BarChart(f.months.map { BarChart.Bar("", $0.received, style: .accent) }, maximum: top)
        let sent = BarChart(f.months.map { BarChart.Bar("", $0.sent, style: .accent) }, maximum: top)
        let r = out.charts.count
        out.charts += [received, sent]
        let receivedX = 1 + labelWidth, sentX = 2 + labelWidth + half
        out.lines.append(DashLine(cells: [
            DashCell(x: receivedX, width: half, spans: [Span("received", Style(.header, [.bold]))]),
            DashCell(x: sentX, width: half, spans: [Span("sent", Style(.header, [.bold]))]),
        ]))
        for (k, m) in f.months.enumerated() {
            let label = monthLabel(m)
            out.lines.append(DashLine(
                cells: [
                    DashCell(x: 1, width: labelWidth, spans: [Span(label, m.soFar ? Style(.normal, [.bold]) : .normal)],
                             target: DashboardTarget(title: "received in \(m.month)\(m.soFar ? " (so far)" : "")",
                                                     filter: CaseFilter(direction: .incoming, started: m.first...m.last))),
                    DashCell(x: sentX, width: 4, spans: [],
                             target: DashboardTarget(title: "sent in \(m.month)\(m.soFar ? " (so far)" : "")",
                                                     filter: CaseFilter(direction: .outgoing, started: m.first...m.last))),
                ],
                chartRows: [(r, k, receivedX, half), (r + 1, k, sentX, half)]))
        }
    }

    /// "2025-04", and the current month "2026-03 so far".
    static func monthLabel(_ m: DashboardFigures.Month) -> String { m.soFar ? "\(m.month) so far" : m.month }

    // MARK: drawing

    static func render(_ state: DeskState, into buffer: inout Buffer, area: Rect) {
        buffer.clear(area)
        guard let f = state.dashboard.figures else {
            let text = state.dashboard.counting ? "Counting the office's figures…" : "no figures (the store could not be read)"
            buffer.write(text, in: area.row(1), column: 1, style: .muted)
            return
        }
        let layout = layout(f, width: area.width, sort: state.dashboard.officerSort)
        // Each chart drawn once at the width of its place, then copied row by row to its lines.
        var widths: [Int: Int] = [:]
        for line in layout.lines { for row in line.chartRows { widths[row.chart] = row.width } }
        let drawn = layout.charts.enumerated().map { n, chart -> Buffer in
            var b = Buffer(width: widths[n] ?? 0, height: chart.bars.count)
            chart.render(into: &b, area: b.area)
            return b
        }
        let offset = state.dashboard.offset
        for k in 0..<area.height {
            let index = offset + k
            guard let line = layout.lines[safe: index] else { break }
            let y = area.y + k
            if line.isRule {
                buffer.write(ruleText(line.title, area.width), x: area.x, y: y, style: .muted, maxWidth: area.width)
                continue
            }
            for row in line.chartRows {
                for x in 0..<row.width { buffer.set(x: area.x + row.x + x, y: y, drawn[row.chart][x, row.row]) }
            }
            for cell in line.cells where !cell.spans.isEmpty {
                buffer.write(cell.spans, x: area.x + cell.x, y: y, maxWidth: max(0, min(cell.width, area.right - area.x - cell.x)))
            }
            if index == state.dashboard.line, let cell = line.cells[safe: state.dashboard.cell], cell.target != nil {
                highlight(&buffer, x: area.x + cell.x, y: y, width: min(cell.width, area.right - area.x - cell.x))
            }
        }
    }

    /// The figure under the cursor in reverse video; an overdue figure stays overdue (bold and
    /// underlined in monochrome) so that it is never mistaken for a plain one.
    static func highlight(_ buffer: inout Buffer, x: Int, y: Int, width: Int) {
        for cx in x..<(x + max(0, width)) {
            var cell = buffer[cx, y]
            if cell.isContinuation { continue }
            cell.style = cell.style.role == .overdue || cell.style.role == .dueSoon
                ? Style(cell.style.role, cell.style.attributes.union([.reverse])) : .selected
            buffer.set(x: cx, y: y, cell)
        }
    }
}
