import CaseStore
import Casework
import Foundation
import TerminalKit

/// Everything the desk shows, as one value: the reducer changes it, the render draws it.
struct DeskState {
    var size: Size
    var tab: DeskTab = .cases
    /// Cases opened, the last on top (following a link opens another; Esc goes back).
    var caseStack: [CaseView] = []
    /// The days the Deadlines screen and the status bar look ahead: at least a week, and never
    /// less than the policy's due-soon threshold.
    var deadlinesWindow: Int { max(7, policy.dueSoonWithin) }

    /// The help screen's scroll offset (lines scrolled), or nil when help is not shown.
    var helpScroll: Int?
    /// Dialogs over the screen, the last on top (a question can sit over a form).
    var overlays: [Overlay] = []
    var cases = CasesState()
    var deadlines = DeadlinesState()
    var dashboard = DashboardState()
    var directory = DirectoryState()
    var message: Message?
    /// The store's change token when the screen was last loaded.
    var dataVersion: Int64?
    var policy = Policy()

    /// The search line that has the keyboard, if any.
    var activeSearch: DeskTab? {
        guard overlays.isEmpty, helpScroll == nil, caseStack.isEmpty else { return nil }
        return tab.screen.isSearching(self) ? tab : nil
    }
    var officers: [Officer] = []
}

struct Message: Hashable {
    var text: String
    var isError: Bool
    static func info(_ text: String) -> Message { Message(text: text, isError: false) }
    static func error(_ text: String) -> Message { Message(text: text, isError: true) }
}

/// The filters of the case list.
struct CaseListFilter: Hashable {
    var openOnly = true
    var direction: Direction?
    var kind: RequestKind?
    var state: CaseState?
    /// A named officer's cases (nil: everyone's, unless `mine`).
    var officer: String?
    var mine = false
    var overdueOnly = false
    /// The other State (ISO3), found by code or name in the filter form.
    var counterpart: String?
    /// The cases behind a figure of the dashboard (Enter on it): in place of the filters above.
    var figure: DashboardTarget?
}

/// Office-wide figures for the status line: "142 open · 6 overdue · 11 due ≤ 14 d" (deadlines,
/// counted as the policy's warning threshold sees them).
struct OfficeCounts: Hashable {
    var open = 0
    var overdue = 0
    var dueSoon = 0
    var dueSoonDays = 14
    var total = 0
}

struct CasesState {
    var filter = CaseListFilter()
    var sort: CaseSort = .nextDue
    /// The sort's order turned around (`S`).
    var reversed = false
    var search = TextInput()
    /// The search line has the keyboard.
    var searching = false
    var table = TableState()
    /// Rows matching the filter and search; only `window` of them is in memory.
    var rowCount = 0
    /// `rowCount` is only the rows fetched so far: the count waits for the typing to stop
    /// (`reloadCases(countLater:)`).
    var counting = false
    var window: [CaseSummary] = []
    var windowStart = 0
    /// What the MLA cases of the window ask for (40.3), shown with arts. 44–46 in the wide list.
    var purposes: [UUID: [Purpose]] = [:]
    var counts = OfficeCounts()

    var databaseEmpty: Bool { counts.total == 0 }
    func summary(at index: Int) -> CaseSummary? {
        let i = index - windowStart
        return window.indices.contains(i) ? window[i] : nil
    }
    var selected: CaseSummary? { summary(at: table.selected) }
}

/// One opened case, as the case screen shows it.
struct CaseView {
    var file: CaseFile
    var deadlines: [Deadline]
    var checklist: [ChecklistEntry]
    var relations: [CaseRelation]
    var counterpartName: String
    /// The line under the cursor (the case screen is a list of lines; links are followed with Enter).
    var cursor = 0
}

enum DeadlineListRow: Hashable {
    case heading(String)
    case deadline(DeadlineRow)
    var isHeading: Bool { if case .heading = self { return true } else { return false } }
}

/// How far ahead the Deadlines tab looks: overdue ones are always listed.
enum DeadlineHorizon: Hashable {
    case days(Int)
    /// Every pending deadline, however far.
    case all

    /// The choices `h` turns through, and the filter form offers.
    static let choices: [DeadlineHorizon] = [.days(7), .days(14), .days(30), .all]
    var label: String {
        switch self {
        case .days(let n): return "\(n) days"
        case .all: return "all pending"
        }
    }
}

/// The filters of the Deadlines tab.
struct DeadlineListFilter: Hashable {
    var officer: String?
    var mine = false
    /// The other State (ISO3), found by code or name.
    var counterpart: String?
    var kind: DeadlineKind?
    /// nil: the office's warning window (`DeskState.deadlinesWindow`).
    var horizon: DeadlineHorizon?
    /// Grouped under each officer, rather than one list.
    var byOfficer = false
}

struct DeadlinesState {
    var rows: [DeadlineListRow] = []
    var table = TableState(selected: 1)
    var filter = DeadlineListFilter()
}

struct DirectoryState {
    var entries: [DirectoryEntry] = []
    var table = TableState()
    /// Narrows the list to States whose code or name contains every word typed.
    var search = TextInput()
    var searching = false

    var visible: [DirectoryEntry] {
        let words = search.text.lowercased().split(separator: " ")
        guard !words.isEmpty else { return entries }
        return entries.filter { e in
            let text = "\(e.iso3) \(e.alpha2) \(e.name) \(e.officialName)".lowercased()
            return words.allSatisfy { text.contains($0) }
        }
    }
}

// MARK: overlays

enum Overlay {
    case picker(Picker)
    case form(FormDialog)
    case palette(Palette)
    case question(Question)
    case detail(Detail)
}

/// Something shown in full over the screen (an event of the timeline); Enter or Esc closes it.
struct Detail {
    var title: String
    var lines: [String]
    /// A letter previewed before saving: `y` saves it.
    var letter: PendingLetter? = nil
    /// The first line shown: a long detail scrolls with the list keys.
    var offset = 0
}

/// A list to choose from in a dialog: the actions allowed on a case, the kind of a new case.
struct Picker {
    enum Purpose: Hashable {
        /// `seen`: the latest event of the case as the screen showed it (nil from the case list).
        case act(caseID: UUID, ref: String, seen: UUID?)
        case newCase
        /// A case for the reference field `field` of the form underneath.
        case reference(field: String)
    }
    var purpose: Purpose
    var title: String
    var intro: String
    var options: [FormOption]
    /// Why other actions of this state are not open now (a guard of the Convention), muted below.
    var notNow: [String] = []
    var table = TableState()
    /// What the officer typed to narrow the choices (`rel` finds release).
    var query = TextInput()

    /// The choices that match what was typed, in their order.
    var shown: [FormOption] {
        let q = query.text.trimmingCharacters(in: .whitespaces)
        guard !q.isEmpty else { return options }
        return options.filter { $0.label.localizedCaseInsensitiveContains(q) || $0.value.localizedCaseInsensitiveContains(q) }
    }

    /// Whether a key edits the query: any text once typing has begun; before that, a character
    /// that is no command of the picker (so j, k, g, G and q still move and quit).
    func typesIntoQuery(_ key: Key, isCommand: Bool) -> Bool {
        switch key {
        case .char(" "): return false
        // Digits are never commands here: `0003` narrows to a reference.
        case .char(let c): return !query.isEmpty || !isCommand || c.isNumber
        case .backspace, .delete, .ctrl("u"), .ctrl("w"): return !query.isEmpty
        default: return false
        }
    }
}

struct FormDialog {
    enum Purpose: Hashable {
        /// `basedOn`: the case's last event when the officer looked at it (a change by someone
        /// else since then is shown rather than acted over).
        case act(caseID: UUID, ref: String, action: Action, basedOn: UUID?)
        case newCase(Direction, RequestKind)
        case directory(String)
        case filter
        case deadlineFilter
        case letter(caseID: UUID, ref: String)
        /// The office report's period (from the Dashboard), then where to save it.
        case report
        case saveReport
    }
    var purpose: Purpose
    var title: String
    /// Lines above the fields (what the action does, its article).
    var intro: [String]
    /// The last refusal or mistake is the form's `error`, shown in the dialog; what was typed stays.
    var form: Form
}

struct Palette {
    var input = TextInput()
    var selected = 0
}

struct Question {
    enum Answer: Hashable { case quit, discardForm }
    var text: String
    var onYes: Answer
}
