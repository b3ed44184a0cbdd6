import TerminalKit

/// The one key table of the desk (modelled on calcurse `keys.c` and gitui `key_list.rs`).
/// A user key file may rebind any command by name: `open = Enter, o`, `cases.search = /, F3`.
enum DeskKeys {
    static var titles: [KeyContext: String] {
        var titles: [KeyContext: String] = [
            .global: "Everywhere", .list: "Lists", .caseFile: "A case", .searching: "While searching",
            .helpScreen: "Help", .form: "Forms", .dialog: "Dialogs", .question: "Questions",
        ]
        for tab in DeskTab.all {
            titles[tab.context] = tab.helpTitle
            for view in tab.views { titles[view.context] = view.title }
        }
        return titles
    }
    /// The order of the help screen: the first tab (its list), a case, then the other tabs.
    static var contexts: [KeyContext] {
        let tabs = DeskTab.all.map { [$0.context] + $0.views.map(\.context) }
        return [.global, .list] + tabs.prefix(1).joined() + [.caseFile] + tabs.dropFirst().joined()
            + [.searching, .form, .dialog, .question, .helpScreen]
    }

    static var defaults: KeyTable<DeskCommand> {
        func b(_ c: DeskCommand, _ name: String, _ keys: [Key], _ help: String, _ label: String? = nil,
               _ context: KeyContext) -> KeyBinding<DeskCommand> {
            KeyBinding(c, name: name, keys: keys, help: help, label: label, context: context)
        }
        let standard = KeyTable<DeskCommand>.standardBindings { .nav($0) }
            .filter { ![.nav(.left), .nav(.right), .nav(.save)].contains($0.command) }
        return KeyTable(standard + [
            b(.quit, "quit", [.char("q")], "Quit (from Cases or the Dashboard; elsewhere q closes the view)", "quit", .global),
            b(.palette, "palette", [.char(":")], "Command palette: every command by name", "commands", .global),
            b(.refresh, "refresh", [.ctrl("r")], "Reload from the database now", nil, .global),
        ] + DeskTab.showBindings + [
            b(.nextTab, "next-tab", [.tab], "Next tab", nil, .global),
            b(.previousTab, "previous-tab", [.backTab], "Previous tab", nil, .global),

            b(.act, "act", [.char("a")], "Act on this case", "act", .caseFile),
            b(.edit, "edit", [.char("e")], "Correct title, facts, offence, checklist items", "edit", .caseFile),
            b(.letter, "letter", [.char("l")], "Draft a letter to the other State, previewed before it is saved", "letter", .caseFile),
            b(.followLink, "follow", [.enter], "Open the linked case under the cursor, or show an event or a checklist item in full", "open/show", .caseFile),
            b(.followUpMLA, "follow-up", [.char("m")], "Register this preservation's follow-up MLA, prefilled from it and linked (art. 42.8)", "follow-up MLA", .caseFile),
            b(.nextSection, "next-section", [.tab], "Next section", "next section", .caseFile),
            b(.previousSection, "previous-section", [.backTab], "Previous section", nil, .caseFile),
            b(.back, "back", [.escape], "Back to the list", "back", .caseFile),

            b(.keepSearch, "keep-search", [.enter], "Keep the search and go back to the list", "keep", .searching),
            b(.dropSearch, "drop-search", [.escape], "Drop the search", "clear", .searching),

            b(.nav(.save), "save", [.ctrl("s")], "Save / record (also Enter on the last button)", "save", .form),
            b(.chooseCase, "choose-case", [.ctrl("o")], "In a reference field: choose among the plausible cases (Enter completes a unique match)", "choose case", .form),
            b(.yes, "yes", [.char("y")], "Yes", "yes", .question),
            b(.no, "no", [.char("n")], "No", "no", .question),
            b(.back, "back", [.escape], "Close the help", "back", .helpScreen),
            // q closes the view on top; it quits only from the Cases list (the global binding).
            b(.close, "close", [.char("q")], "Close the help", "close", .helpScreen),
            b(.close, "close", [.char("q")], "Close the case (back to the list)", "close", .caseFile),
            b(.close, "close", [.char("q")], "Close the dialog (in a text field q is typed)", "close", .dialog),
        ] + DeskTab.all.flatMap { $0.keys })
    }

    /// The defaults with the user's key file applied (a missing file changes nothing).
    static func table(keyFile: String?) throws(KeyTableError) -> KeyTable<DeskCommand> {
        try DeskKeyFile.read(keyFile).keys
    }
}
