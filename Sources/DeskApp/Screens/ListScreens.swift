import CaseStore
import Casework
import TerminalKit

/// The columns of the case list; fewer on a narrow terminal, the title on a wide one.
enum CaseColumn: CaseIterable {
    case ref, state, country, kind, due, officer, title

    static func layout(width: Int) -> [CaseColumn] {
        if width >= 110 { return allCases }
        // The reference already says direction and kind (IN-PRES-…): below 110 columns the
        // deadline gets that room instead, so "reply overdue 352 d" is never cut.
        if width >= 76 { return [.ref, .state, .country, .due, .officer] }
        return [.ref, .state, .due, .officer]
    }

    /// The reference with its urgency flag ("IN-MLA-2026-0031 !", "… !!" for an emergency, art.
    /// 42/46's expedited handling); the column is as wide as the longest shown, never cutting one.
    static func refText(_ c: CaseSummary) -> String {
        switch c.urgency {
        case .normal: return c.ref
        case .urgent: return c.ref + " !"
        case .emergency: return c.ref + " !!"
        }
    }

    static func refWidth(_ cases: [CaseSummary]) -> Int {
        max(18, cases.map { displayWidth(refText($0)) + 1 }.max() ?? 0)
    }

    func column(wide: Bool, refWidth: Int = 18) -> TableColumn {
        switch self {
        case .ref: return TableColumn("REF", width: .fixed(refWidth))
        case .state: return TableColumn("STATE", width: .fixed(wide ? 20 : 12))
        case .country: return TableColumn("CTRY", width: .fixed(4))
        case .kind: return TableColumn("KIND", width: .fixed(9))
        case .due: return TableColumn("NEXT DEADLINE", width: wide ? .fixed(28) : .fill(min: 12))
        case .officer: return TableColumn("OFFICER", width: .fixed(wide ? 10 : 9))
        case .title: return TableColumn("TITLE", width: .fill(min: 10))
        }
    }

    func cell(_ c: CaseSummary, purposes: [Purpose] = []) -> TableCell {
        switch self {
        case .ref:
            switch c.urgency {
            case .normal: return TableCell(c.ref)
            case .urgent: return TableCell(Self.refText(c), style: Style(.dueSoon, [.bold]))
            case .emergency: return TableCell(Self.refText(c), style: Style(.overdue, [.bold]))
            }
        // A conflict first, so a narrow column still shows it (issue 13).
        case .state: return TableCell(c.conflict ? "CONFLICT \(c.state.rawValue)" : c.state.rawValue)
        case .country: return TableCell(c.counterpart)
        case .kind:
            // An MLA asking for electronic data shows the articles instead of the direction, which
            // the reference already gives: "MLA 44·45".
            let arts = Phrases.purposeArticles(purposes)
            return TableCell(arts.isEmpty ? Phrases.kindLabel(c.direction, c.kind) : "MLA " + arts)
        case .due:
            guard let d = c.nextDeadline else { return TableCell("—", style: .muted) }
            return TableCell(Phrases.due(d.kind, days: d.days), style: Phrases.style(d.status))
        case .officer: return TableCell(c.officer)
        case .title: return TableCell(c.title)
        }
    }
}

/// The rows of the case list, from the window of cases in memory (the table asks only for the
/// rows it shows; a row not fetched yet shows "…").
struct CaseWindowSource: TableDataSource {
    var cases: CasesState
    var layout: [CaseColumn]
    var rowCount: Int { cases.rowCount }
    func rows(in range: Range<Int>) -> [TableRow] {
        range.map { i in
            guard let c = cases.summary(at: i) else { return TableRow(["…"], style: .muted) }
            return TableRow(layout.map { $0.cell(c, purposes: cases.purposes[c.id] ?? []) }, style: c.state == .closed ? .muted : .normal)
        }
    }
}

enum CasesScreen {
    static func render(_ state: DeskState, env: DeskEnvironment, into buffer: inout Buffer, area: Rect) {
        let cases = state.cases
        if cases.databaseEmpty {
            renderEmpty(env: env, into: &buffer, area: area)
            return
        }
        let layout = CaseColumn.layout(width: area.width)
        let wide = area.width >= 110
        let refWidth = CaseColumn.refWidth(cases.window)
        var table = Table(columns: layout.map { $0.column(wide: wide, refWidth: refWidth) }, source: CaseWindowSource(cases: cases, layout: layout),
                          state: cases.table,
                          emptyMessage: cases.search.isEmpty ? "no case matches the filter (x clears it)" : "no case matches “\(cases.search.text)”")
        let sorted: CaseColumn? = cases.sort == .ref ? .ref : cases.sort == .nextDue ? .due : nil
        table.state.sort = sorted.flatMap { layout.firstIndex(of: $0) }.map { SortOrder(column: $0, ascending: !cases.reversed) }
        table.render(into: &buffer, area: area)
    }

    static func renderEmpty(env: DeskEnvironment, into buffer: inout Buffer, area: Rect) {
        var lines: [(String, Style)] = [("No cases yet.", Style(.header, [.bold])), ("", .normal)]
        if env.session.loadDemo != nil {
            let key = env.keys.binding(named: "demo", in: .cases)?.keys.first?.label ?? "d"
            lines.append(("  \(key)  load demo cases: this becomes a training database, never", .normal))
            lines.append(("     an office one (for real work, cadesk init a new database)", .normal))
        }
        let key = env.keys.binding(named: "new", in: .cases)?.keys.first?.label ?? "n"
        lines.append(("  \(key)  register the first case", .normal))
        let inner = area.inset(horizontal: 3, vertical: 1)
        for (k, (text, style)) in lines.enumerated() { buffer.write(text, in: inner.row(k), style: style) }
    }

    /// "142 open · 6 overdue · 11 due ≤ 14 d"
    static func countsText(_ c: OfficeCounts) -> [(String, Style)] {
        [("\(c.open) open", .normal), (" · ", .muted), ("\(c.overdue) overdue", c.overdue > 0 ? .overdue : .normal),
         (" · ", .muted), ("\(c.dueSoon) due ≤ \(c.dueSoonDays) d", c.dueSoon > 0 ? .dueSoon : .normal)]
    }

    /// "4 shown · search “bot” · open · mine · by due date"
    static func filterText(_ state: DeskState, env: DeskEnvironment) -> String {
        let f = state.cases.filter
        var parts = [state.cases.counting ? "counting…" : "\(state.cases.rowCount) shown"]
        if !state.cases.search.isEmpty && !state.cases.searching { parts.append("search “\(state.cases.search.text)”") }
        if let figure = f.figure {
            parts.append(figure.title)
            parts.append("by \(Phrases.sortName(state.cases.sort, reversed: state.cases.reversed))")
            return parts.joined(separator: " · ")
        }
        parts.append(f.openOnly ? "open" : "all")
        if let d = f.direction { parts.append(d.rawValue) }
        if let k = f.kind { parts.append(k.rawValue) }
        if let s = f.state { parts.append(s.rawValue) }
        if let c = f.counterpart { parts.append(c) }
        parts.append(f.mine ? "mine" : f.officer ?? "everyone")
        if f.overdueOnly { parts.append("overdue") }
        parts.append("by \(Phrases.sortName(state.cases.sort, reversed: state.cases.reversed))")
        return parts.joined(separator: " · ")
    }
}

enum DeadlinesScreen {
    enum Column: Hashable { case ref, deadline, due, when, country, officer, article }

    /// References in full at every width (the column is as wide as the longest shown). Below
    /// 100 columns the officer (or, grouped by officer, the State) takes the last place; from
    /// 100 both are shown, with the article.
    static func layout(width: Int, officer: Bool) -> [Column] {
        if width >= 100 { return officer ? [.ref, .deadline, .due, .when, .country, .officer, .article] : [.ref, .deadline, .due, .when, .country, .article] }
        return [.ref, .deadline, .due, .when, officer ? .officer : .country]
    }

    static func column(_ c: Column, width: Int, refWidth: Int) -> TableColumn {
        switch c {
        case .ref: return TableColumn("REF", width: .fixed(refWidth))
        case .deadline: return TableColumn("DEADLINE", width: .fixed(20))
        case .due: return TableColumn("DUE", width: .fixed(10))
        case .when: return TableColumn("WHEN", width: width >= 100 ? .fixed(14) : .fill(min: 11))
        case .country: return TableColumn("CTRY", width: .fixed(4))
        case .officer: return TableColumn("OFFICER", width: .fixed(width >= 100 ? 12 : 10))
        case .article: return TableColumn("ART.", width: .fixed(8))
        }
    }

    static func refWidth(_ rows: [DeadlineListRow]) -> Int {
        var widest = 17
        for case .deadline(let d) in rows { widest = max(widest, displayWidth(d.ref)) }
        return widest
    }

    /// Rows made only for the part shown (an office may have thousands of deadlines pending).
    struct Source: TableDataSource {
        var rows: [DeadlineListRow]
        var layout: [Column]
        var rowCount: Int { rows.count }
        func rows(in range: Range<Int>) -> [TableRow] {
            rows[range].map { row in
                switch row {
                case .heading(let title):
                    return TableRow([TableCell(title, style: Style(.header, [.bold]))], style: .header)
                case .deadline(let d):
                    let style = Phrases.style(d.status) ?? .normal
                    let cells = layout.map { c -> TableCell in
                        switch c {
                        case .ref: return TableCell(d.ref)
                        case .deadline: return TableCell(d.kind.rawValue)
                        case .due: return TableCell(d.due.description)
                        case .when: return TableCell(Phrases.when(d.days), style: style)
                        case .country: return TableCell(d.counterpart)
                        case .officer: return TableCell(d.officer.isEmpty ? "—" : d.officer)
                        case .article: return TableCell(d.article)
                        }
                    }
                    return TableRow(cells, style: .normal)
                }
            }
        }
    }

    static func render(_ state: DeskState, into buffer: inout Buffer, area: Rect) {
        let rows = state.deadlines.rows
        let layout = layout(width: area.width, officer: !state.deadlines.filter.byOfficer)
        let refWidth = refWidth(rows)
        let columns = layout.map { column($0, width: area.width, refWidth: refWidth) }
        let empty = state.deadlines.filter == DeadlineListFilter() ? "nothing overdue or due soon" : "no deadline matches the filter (x clears it)"
        Table(columns: columns, source: Source(rows: rows, layout: layout), state: state.deadlines.table,
              emptyMessage: empty).render(into: &buffer, area: area)
        // A heading spans the row: redraw it across the columns.
        let range = state.deadlines.table.visibleRange(rowCount: rows.count, pageSize: Table<ArrayTableSource>.pageSize(for: area))
        for (k, i) in range.enumerated() {
            if case .heading(let title) = state.deadlines.rows[i] {
                let row = Rect(x: area.x, y: area.y + 1 + k, width: area.width, height: 1)
                buffer.clear(row)
                buffer.write(title, in: row, column: 1, style: Style(.header, [.bold]))
            }
        }
    }
}

enum DirectoryScreen {
    static func render(_ state: DeskState, into buffer: inout Buffer, area: Rect) {
        let wide = area.width >= 110
        var columns = [TableColumn("ISO", width: .fixed(3)), TableColumn("STATE", width: .fixed(wide ? 24 : 16)),
                       TableColumn("CENTRAL AUTHORITY", width: .fill(min: 12)), TableColumn("24/7 CONTACT", width: .fill(min: 10)),
                       TableColumn("LANG", width: .fixed(wide ? 12 : 7))]
        if wide { columns.append(TableColumn("TREATY", width: .fixed(16))) }
        let rows = state.directory.visible.map { e -> TableRow in
            var cells = [TableCell(e.iso3), TableCell(e.name),
                         TableCell(e.centralAuthority.isEmpty ? "—" : e.centralAuthority, style: e.centralAuthority.isEmpty ? .muted : nil),
                         TableCell(e.contact247.isEmpty ? "—" : e.contact247, style: e.contact247.isEmpty ? .muted : nil),
                         TableCell(e.languages.joined(separator: ","))]
            if wide { cells.append(TableCell(e.treaty)) }
            return TableRow(cells)
        }
        Table(columns: columns, source: ArrayTableSource(rows), state: state.directory.table,
              emptyMessage: state.directory.search.isEmpty ? "the directory is empty" : "no State matches “\(state.directory.search.text)”")
            .render(into: &buffer, area: area)
    }
}
