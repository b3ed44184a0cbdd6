import TerminalKit

/// Everything an officer can ask the desk to do: each is declared once in ``DeskKeys`` with its
/// name, help, keys and status-bar label, and the help screen and the command palette are made
/// from that declaration.
enum DeskCommand: Hashable, Sendable {
    /// Moving in lists and forms, answering dialogs: the kit's standard commands.
    case nav(StandardCommand)
    // Everywhere
    case quit, palette, refresh
    /// `q` as less, tig and mutt read it: close what is on top (help, a case, a dialog, another tab).
    case close
    /// Show a tab (each tab's `show-…` command, numbered in the order of the bar).
    case show(DeskTab)
    case nextTab, previousTab
    // Lists of cases
    case open, newCase, act, search, filter, mine, overdue, sort, reverseSort, clearFilters, loadDemo
    // The Deadlines tab
    case horizon, groupByOfficer
    // The Dashboard: the office report for a period, shown, then saved
    case report, saveReport
    // One case
    case edit, letter, followLink, nextSection, previousSection, back
    /// A preservation's follow-up MLA, registered from it in one step (art. 42.8).
    case followUpMLA
    /// In a form: the picker of cases for the reference field.
    case chooseCase
    // Typing a search
    case keepSearch, dropSearch
    // Questions (saving a form is the kit's `nav(.save)`)
    case yes, no
}

/// Where a key is looked up, besides the kit's `global`, `list`, `form` and `dialog`.
extension KeyContext {
    static let cases: KeyContext = "cases"
    static let caseFile: KeyContext = "case"
    static let deadlines: KeyContext = "deadlines"
    static let dashboard: KeyContext = "dashboard"
    /// The office report, shown from the Dashboard.
    static let report: KeyContext = "report"
    static let directory: KeyContext = "directory"
    static let searching: KeyContext = "search"
    static let helpScreen: KeyContext = "help"
    static let question: KeyContext = "question"
}
