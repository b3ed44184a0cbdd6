import TerminalKit

/// The one key table of the desk (modelled on calcurse `keys.c` and gitui `key_list.rs`).
/// A user key file may rebind any command by name: `open = Enter, o`, `cases.search = /, F3`.
enum DeskKeys {
    static let titles: [KeyContext: String] = [
        .global: "Everywhere", .list: "Lists", .cases: "Cases", .caseFile: "A case",
        .deadlines: "Deadlines", .directory: "Directory", .searching: "While searching",
        .helpScreen: "Help", .form: "Forms", .dialog: "Dialogs", .question: "Questions",
    ]
    /// The order of the help screen.
    static let contexts: [KeyContext] = [.global, .list, .cases, .caseFile, .deadlines, .directory,
                                         .searching, .form, .dialog, .question, .helpScreen]

    static var defaults: KeyTable<DeskCommand> {
        func b(_ c: DeskCommand, _ name: String, _ keys: [Key], _ help: String, _ label: String? = nil,
               _ context: KeyContext) -> KeyBinding<DeskCommand> {
            KeyBinding(c, name: name, keys: keys, help: help, label: label, context: context)
        }
        let standard = KeyTable<DeskCommand>.standardBindings { .nav($0) }
            .filter { ![.nav(.left), .nav(.right), .nav(.save)].contains($0.command) }
        return KeyTable(standard + [
            b(.quit, "quit", [.char("q")], "Quit (from the Cases list; elsewhere q closes the view)", "quit", .global),
            b(.palette, "palette", [.char(":")], "Command palette: every command by name", "commands", .global),
            b(.refresh, "refresh", [.ctrl("r")], "Reload from the database now", nil, .global),
            b(.showCases, "show-cases", [.char("1")], "Cases tab", nil, .global),
            b(.showDeadlines, "show-deadlines", [.char("2")], "Deadlines tab: overdue first, by officer", nil, .global),
            b(.showDirectory, "show-directory", [.char("3")], "Directory tab: States and authorities", nil, .global),
            b(.nextTab, "next-tab", [.tab], "Next tab", nil, .global),
            b(.previousTab, "previous-tab", [.backTab], "Previous tab", nil, .global),

            b(.open, "open", [.enter], "Open the selected case", "open", .cases),
            b(.newCase, "new", [.char("n")], "Register a new case", "new", .cases),
            b(.act, "act", [.char("a")], "Act on the selected case (only the actions allowed now)", "act", .cases),
            b(.search, "search", [.char("/")], "Search: the list narrows as you type", "search", .cases),
            b(.filter, "filter", [.char("f")], "Filter by direction, kind, state, officer", "filter", .cases),
            b(.mine, "mine", [.char("m")], "Only my cases / everyone's", nil, .cases),
            b(.overdue, "overdue", [.char("o")], "Only cases with an overdue deadline / all", nil, .cases),
            b(.sort, "sort", [.char("s")], "Sort by next deadline, reference, received, last change", "sort", .cases),
            b(.reverseSort, "reverse", [.char("S")], "Reverse the order: latest deadline, oldest change, Z to A first", nil, .cases),
            b(.clearFilters, "clear", [.char("x")], "Clear the search and filters (open cases, everyone's)", nil, .cases),
            b(.loadDemo, "demo", [.char("d")], "Load demo cases (only into an empty database)", nil, .cases),

            b(.act, "act", [.char("a")], "Act on this case", "act", .caseFile),
            b(.edit, "edit", [.char("e")], "Correct title, facts, offence, checklist items", "edit", .caseFile),
            b(.letter, "letter", [.char("l")], "Draft a letter to the other State, previewed before it is saved", "letter", .caseFile),
            b(.followLink, "follow", [.enter], "Open the linked case under the cursor, or show an event in full", "follow link", .caseFile),
            b(.nextSection, "next-section", [.tab], "Next section", "next section", .caseFile),
            b(.previousSection, "previous-section", [.backTab], "Previous section", nil, .caseFile),
            b(.back, "back", [.escape], "Back to the list", "back", .caseFile),

            b(.open, "open", [.enter], "Open the case of the selected deadline", "open", .deadlines),
            b(.edit, "edit", [.enter, .char("e")], "Edit the selected State's authorities and contacts", "edit", .directory),
            b(.search, "search", [.char("/")], "Find a State by code or name as you type", "find", .directory),

            b(.keepSearch, "keep-search", [.enter], "Keep the search and go back to the list", "keep", .searching),
            b(.dropSearch, "drop-search", [.escape], "Drop the search", "clear", .searching),

            b(.nav(.save), "save", [.ctrl("s")], "Save / record (also Enter on the last button)", "save", .form),
            b(.yes, "yes", [.char("y")], "Yes", "yes", .question),
            b(.no, "no", [.char("n")], "No", "no", .question),
            b(.back, "back", [.escape], "Close the help", "back", .helpScreen),
            // q closes the view on top; it quits only from the Cases list (the global binding).
            b(.close, "close", [.char("q")], "Close the help", "close", .helpScreen),
            b(.close, "close", [.char("q")], "Close the case (back to the list)", "close", .caseFile),
            b(.close, "close", [.char("q")], "Close the dialog (in a text field q is typed)", "close", .dialog),
            b(.close, "close", [.char("q")], "Back to the Cases list", "close", .deadlines),
            b(.close, "close", [.char("q")], "Back to the Cases list", "close", .directory),
        ])
    }

    /// The defaults with the user's key file applied (a missing file changes nothing).
    static func table(keyFile: String?) throws(KeyTableError) -> KeyTable<DeskCommand> {
        try DeskKeyFile.read(keyFile).keys
    }
}
