import CaseStore
import Casework
import TerminalKit

/// Commands of the Cases screen.
enum CaseListCommands {
    static func perform(_ command: DeskCommand, state: inout DeskState, env: DeskEnvironment) {
        switch command {
        case .open:
            guard let c = state.cases.selected else { return }
            state.openCase(.id(c.id), env: env)
        case .newCase:
            NewCaseForm.pickKind(state: &state, env: env)
        case .act:
            guard let c = state.cases.selected else {
                state.message = .error("no case selected"); return
            }
            ActForm.pick(caseID: c.id, state: &state, env: env)
        case .search:
            // A fresh search each time: appending to the last one found nothing anyone meant.
            state.cases.searching = true
            if !state.cases.search.isEmpty {
                state.cases.search = TextInput()
                state.reloadCases(env)
            }
        case .keepSearch:
            // With nothing found the line keeps the keyboard, so the next keys are not commands.
            guard state.cases.rowCount > 0 || state.cases.search.isEmpty else {
                state.message = .error("no case matches — edit the search, or Esc to drop it")
                return
            }
            state.cases.searching = false
        case .dropSearch:
            state.cases.searching = false
            state.cases.search = TextInput()
            state.reloadCases(env)
        case .filter:
            FilterForm.open(state: &state, env: env)
        case .mine:
            state.cases.filter.mine.toggle()
            if state.cases.filter.mine { state.cases.filter.officer = nil }
            state.cases.table.select(0, rowCount: 0, pageSize: 1)
            state.reloadCases(env)
        case .overdue:
            state.cases.filter.overdueOnly.toggle()
            state.cases.table.select(0, rowCount: 0, pageSize: 1)
            state.reloadCases(env)
        case .sort:
            let order: [CaseSort] = [.nextDue, .ref, .received, .updated]
            let i = order.firstIndex(of: state.cases.sort) ?? 0
            state.cases.sort = order[(i + 1) % order.count]
            state.cases.reversed = false
            state.reloadCases(env)
            state.message = .info("sorted by \(Phrases.sortName(state.cases.sort, reversed: false))")
        case .reverseSort:
            state.cases.reversed.toggle()
            state.reloadCases(env)
            state.message = .info("sorted by \(Phrases.sortName(state.cases.sort, reversed: state.cases.reversed))")
        case .clearFilters:
            state.cases.filter = CaseListFilter()
            state.cases.search = TextInput()
            state.cases.searching = false
            state.reloadCases(env)
        case .loadDemo:
            guard state.cases.databaseEmpty else {
                state.message = .error("demo cases are loaded only into an empty database")
                return
            }
            guard let load = env.session.loadDemo else {
                state.message = .error("no demo data in this build")
                return
            }
            do { try load() } catch { state.fail(error) }
            if state.message == nil {
                state.reloadAll(env)
                state.message = .info("demo cases loaded: \(state.cases.counts.total)")
            }
        default:
            break
        }
    }
}

/// Commands of the case screen.
enum CaseCommands {
    static func perform(_ command: DeskCommand, state: inout DeskState, env: DeskEnvironment) {
        guard let view = state.caseStack.last else { return }
        switch command {
        case .act:
            // The case as displayed: acting on it is refused if it has moved on since.
            ActForm.pick(caseID: view.file.id, seen: view.file.events.last?.id, state: &state, env: env)
        case .edit:
            ActForm.open(action: .edit, caseID: view.file.id, seen: view.file.events.last?.id, state: &state, env: env)
        case .letter:
            LetterForm.open(caseID: view.file.id, state: &state, env: env)
        case .followUpMLA:
            FollowUpMLA.start(caseID: view.file.id, state: &state, env: env)
        case .followLink:
            let lines = CaseScreen.lines(view, width: state.size.width)
            guard let line = lines[safe: view.cursor] else { return }
            if let link = line.link {
                state.openCase(.id(link), env: env)
            } else if let id = line.event, let e = view.file.events.first(where: { $0.id == id }) {
                state.overlays.append(.detail(CaseScreen.eventDetail(e, file: view.file)))
            } else if let item = line.item, let entry = view.checklist.first(where: { $0.item == item }) {
                state.overlays.append(.detail(CaseScreen.itemDetail(entry, file: view.file)))
            } else {
                state.message = .info("⏎ follows a link, shows an event of the timeline or a checklist item in full")
            }
        case .nextSection, .previousSection:
            let lines = CaseScreen.lines(view, width: state.size.width)
            let starts = lines.indices.filter { lines[$0].isSection }
            let target = command == .nextSection
                ? starts.first { $0 > view.cursor } ?? starts.first
                : starts.last(where: { $0 < (starts.last { $0 < view.cursor } ?? 0) }) ?? starts.last
            if let target {
                // Land on the first line of the section when it has one.
                let next = target + 1 < lines.count && !lines[target + 1].isSection ? target + 1 : target
                state.caseStack[state.caseStack.count - 1].cursor = next
            }
        default:
            break
        }
    }
}
