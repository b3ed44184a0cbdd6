import CaseStore
import Casework
import Foundation
import TerminalKit

// Reading from the store into the state. Only what is on screen is fetched: the case list asks
// for the window of rows it shows (plus a page either side), so a 100,000-case database costs
// one small query per screenful.

extension DeskState {
    /// The first state: office, counts and the first page of cases.
    /// `tab`: the tab to open on; nil opens the officer's home tab (a supervisor's Dashboard).
    /// `countLater`: the dashboard's figures are left for the first tick (`DashboardState.counting`),
    /// so that the first frame does not wait for them.
    static func start(env: DeskEnvironment, size: Size, tab: DeskTab? = nil, countLater: Bool = false) -> DeskState {
        var state = DeskState(size: size)
        state.dashboard.countLater = countLater
        state.reloadAll(env)
        let first = tab ?? state.homeTab(env)
        if first != state.tab { DeskReducer.show(first, state: &state, env: env) }
        state.dashboard.countLater = false
        return state
    }

    /// Everything shown, again (after another terminal's change, Ctrl-R, or our own write).
    mutating func reloadAll(_ env: DeskEnvironment) {
        do {
            dataVersion = try env.store.dataVersion()
            policy = try env.store.loadPolicy()
            officers = try env.store.officers()
        } catch { fail(error) }
        reloadCounts(env)
        reloadCases(env)
        if !caseStack.isEmpty { reloadCaseView(env) }
        // Other tabs reload when shown again.
        for screen in DeskTab.all where screen.tab != .cases {
            if screen.tab == tab { screen.reload(&self, env: env) } else { screen.unload(&self) }
        }
    }

    /// A store call failed: say so on the message line.
    mutating func fail(_ error: any Error) { message = .error(Self.describe(error)) }

    /// `direction`: the case's, when the error is about one (its fields are named by it).
    static func describe(_ error: any Error, direction: Direction? = nil) -> String {
        // The engine's refusals name inputs as the dialog's fields, not as options.
        if case StoreError.refused(let e) = error { return Phrases.refusal(e, direction: direction) }
        if let e = error as? CaseworkError { return Phrases.refusal(e, direction: direction) }
        return String(describing: error)
    }

    // MARK: case list

    var casesPageSize: Int { Table<ArrayTableSource>.pageSize(for: DeskLayout.body(size)) }

    func storeFilter(_ env: DeskEnvironment) -> CaseFilter {
        let f = cases.filter
        let text = cases.search.text.trimmingCharacters(in: .whitespaces)
        // An exact reference finds that case whatever the filters, closed ones too.
        if CaseStore.exactReference(text) != nil { return CaseFilter(text: text) }
        var filter: CaseFilter
        if var figure = f.figure?.filter {
            if !text.isEmpty { figure.text = [figure.text, text].compactMap { $0 }.joined(separator: " ") }
            filter = figure
        } else {
            filter = CaseFilter(direction: f.direction, kind: f.kind, states: f.state.map { [$0] },
                                officer: f.mine ? env.session.officer : f.officer, counterpart: f.counterpart,
                                openOnly: f.openOnly, text: text.isEmpty ? nil : text)
        }
        // Overdue: the soonest open deadline is before today (`DeadlineStatus.isOverdue`), so the
        // store counts and pages these cases through its next-due index like any other filter.
        if f.overdueOnly {
            let today = env.session.today
            filter.nextDueBefore = filter.nextDueBefore.map { min($0, today) } ?? today
        }
        return filter
    }

    mutating func reloadCounts(_ env: DeskEnvironment) {
        do {
            // Four counts through indexes: cheap at any size (listing the deadlines is not).
            let d = try env.store.headline(today: env.session.today)
            cases.counts = OfficeCounts(open: d.openCases, overdue: d.overdueDeadlines, dueSoon: d.dueSoonDeadlines,
                                        dueSoonDays: policy.dueSoonWithin, total: d.totalCases)
        } catch { fail(error) }
    }

    /// The rows matching the filter and search, keeping the selected case selected if it still is.
    /// `countLater`: fetch the first rows only and leave the count for when the typing stops
    /// (`CasesState.counting`, done by `countCases` on the next idle tick). A search keystroke
    /// at 100,000 cases then waits for one page of rows, not for every match to be counted.
    mutating func reloadCases(_ env: DeskEnvironment, countLater: Bool = false) {
        let keep = cases.selected?.id
        cases.window = []
        cases.windowStart = 0
        cases.counting = false
        do {
            if countLater {
                let more = try fetchWindow(env, start: 0)
                cases.rowCount = cases.window.count
                cases.counting = more
            } else {
                cases.rowCount = try env.store.count(storeFilter(env))
            }
        } catch { fail(error) }
        cases.table.select(cases.table.selected, rowCount: cases.rowCount, pageSize: casesPageSize)
        ensureCaseWindow(env)
        // The selected case may have moved (its deadline changed): follow it if it is near.
        if let keep, cases.selected?.id != keep, let i = cases.window.firstIndex(where: { $0.id == keep }) {
            cases.table.select(cases.windowStart + i, rowCount: cases.rowCount, pageSize: casesPageSize)
            ensureCaseWindow(env)
        }
    }

    /// The count `reloadCases(countLater:)` left: done before anything that needs it (a key other
    /// than typing, the idle tick).
    mutating func countCases(_ env: DeskEnvironment) {
        guard cases.counting else { return }
        cases.counting = false
        do { cases.rowCount = try env.store.count(storeFilter(env)) } catch { fail(error) }
        cases.table.select(cases.table.selected, rowCount: cases.rowCount, pageSize: casesPageSize)
        ensureCaseWindow(env)
    }

    /// Fetches the visible rows if they are not in memory yet.
    mutating func ensureCaseWindow(_ env: DeskEnvironment) {
        let page = max(1, casesPageSize)
        let visible = cases.table.visibleRange(rowCount: cases.rowCount, pageSize: page)
        cases.table.offset = visible.lowerBound
        guard !visible.isEmpty else { return }
        let have = cases.windowStart..<(cases.windowStart + cases.window.count)
        if have.contains(visible.lowerBound) && have.contains(visible.upperBound - 1) { return }
        do { _ = try fetchWindow(env, start: max(0, visible.lowerBound - page)) } catch { fail(error) }
    }

    /// Three pages of rows from `start` (a page either side of the visible one) into `window`.
    /// Returns whether more rows follow.
    private mutating func fetchWindow(_ env: DeskEnvironment, start: Int) throws -> Bool {
        let result = try env.store.listCases(
            CaseQuery(filter: storeFilter(env), sort: cases.sort, reversed: cases.reversed,
                      limit: max(1, casesPageSize) * 3, offset: start),
            today: env.session.today)
        cases.window = result.cases
        cases.windowStart = start
        loadPurposes(env)
        return result.next != nil
    }

    /// The purposes of the MLA cases in the window, in one query.
    mutating func loadPurposes(_ env: DeskEnvironment) {
        cases.purposes = (try? env.store.purposes(of: cases.window.filter { $0.kind == .mla }.map(\.id))) ?? [:]
    }

    // MARK: one case

    func loadCaseView(_ selector: CaseSelector, env: DeskEnvironment) throws -> CaseView {
        let snapshot = try env.snapshot(selector)
        let file = snapshot.file
        return CaseView(file: file, deadlines: Engine.deadlines(for: file, context: snapshot.context),
                        checklist: Engine.checklist(for: file), relations: snapshot.relations,
                        counterpartName: snapshot.counterpart?.name ?? "")
    }

    mutating func openCase(_ selector: CaseSelector, env: DeskEnvironment) {
        do {
            let view = try loadCaseView(selector, env: env)
            caseStack.append(view)
            helpScroll = nil
        } catch { fail(error) }
    }

    /// Back to the case underneath (or the list), read again: what was done on the case just
    /// closed (a linked MLA withdrawn) may have changed it — a deadline no longer suspended.
    mutating func closeCase(_ env: DeskEnvironment) {
        caseStack.removeLast()
        if caseStack.isEmpty { reloadCases(env) } else { reloadCaseView(env) }
    }

    mutating func reloadCaseView(_ env: DeskEnvironment) {
        guard let top = caseStack.last else { return }
        do {
            var view = try loadCaseView(.id(top.file.id), env: env)
            view.cursor = top.cursor
            caseStack[caseStack.count - 1] = view
        } catch { fail(error) }
    }

    // MARK: deadlines and directory

    /// The Deadlines tab's horizon: the one chosen, else the office's warning window.
    var deadlinesHorizon: DeadlineHorizon { deadlines.filter.horizon ?? .days(deadlinesWindow) }

    mutating func reloadDeadlines(_ env: DeskEnvironment) {
        let f = deadlines.filter
        do {
            let scope: DeadlineFilter.Scope
            switch deadlinesHorizon {
            case .days(let n): scope = .within(n)
            case .all: scope = .pending
            }
            let rows = try env.store.deadlines(DeadlineFilter(scope: scope, officer: f.mine ? env.session.officer : f.officer,
                                                              counterpart: f.counterpart, kind: f.kind),
                                               today: env.session.today)
            deadlines.rows = DeadlineGrouping.rows(rows, horizon: deadlinesHorizon, byOfficer: f.byOfficer)
        } catch { fail(error) }
        let count = deadlines.rows.count
        var sel = min(deadlines.table.selected, max(0, count - 1))
        if deadlines.rows.indices.contains(sel), deadlines.rows[sel].isHeading, sel + 1 < count { sel += 1 }
        deadlines.table.select(sel, rowCount: count, pageSize: Table<ArrayTableSource>.pageSize(for: DeskLayout.body(size)))
    }

    mutating func reloadDirectory(_ env: DeskEnvironment) {
        do { directory.entries = try env.store.directory() } catch { fail(error) }
        directory.table.select(directory.table.selected, rowCount: directory.entries.count,
                               pageSize: Table<ArrayTableSource>.pageSize(for: DeskLayout.body(size)))
    }

    /// The idle tick: another terminal changed the database, so reload what is shown.
    mutating func pollForChanges(_ env: DeskEnvironment) {
        guard let version = try? env.store.dataVersion(), version != dataVersion else { return }
        let message = self.message
        reloadAll(env)
        self.message = message
    }
}

/// The Deadlines tab's order: overdue first, the most overdue at the top, then those due, the
/// soonest first; under each officer when asked (officers whose deadline is the most overdue first).
enum DeadlineGrouping {
    static func rows(_ rows: [DeadlineRow], horizon: DeadlineHorizon, byOfficer: Bool) -> [DeadlineListRow] {
        let ordered = rows.sorted { ($0.days, $0.ref, $0.kind.rawValue) < ($1.days, $1.ref, $1.kind.rawValue) }
        let overdue = ordered.filter { $0.status == .overdue }
        let due = ordered.filter { $0.status != .overdue }
        let dueTitle: String
        switch horizon {
        case .days(let n): dueTitle = "Due within \(n) days"
        case .all: dueTitle = "Pending"
        }
        var out: [DeadlineListRow] = []
        for (title, group) in [("Overdue", overdue), (dueTitle, due)] where !group.isEmpty {
            guard byOfficer else {
                out.append(.heading("\(title) · \(group.count)"))
                out += group.map { .deadline($0) }
                continue
            }
            var officers: [String] = []
            var byName: [String: [DeadlineRow]] = [:]
            for row in group {
                if byName[row.officer] == nil { officers.append(row.officer) }
                byName[row.officer, default: []].append(row)
            }
            for officer in officers {
                let mine = byName[officer]!
                out.append(.heading("\(title) · \(officer.isEmpty ? "unassigned" : officer) · \(mine.count)"))
                out += mine.map { .deadline($0) }
            }
        }
        return out
    }
}
