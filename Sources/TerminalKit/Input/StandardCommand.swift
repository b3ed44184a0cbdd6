/// Commands the kit's widgets understand. An application wraps them in its own command type
/// (`case nav(StandardCommand)`) and gets the default keys from ``KeyTable/standardBindings(_:)``.
public enum StandardCommand: String, Hashable, Sendable, CaseIterable {
    case up, down, left, right, pageUp, pageDown, top, bottom
    case nextField, previousField, confirm, cancel, toggle, save, help
}

extension KeyTable {
    /// Default bindings for ``StandardCommand``: arrows and vi keys (j/k/h/l, g/G), PgUp/PgDn
    /// (and Ctrl-B/Ctrl-F), Home/End in lists; Tab/Shift-Tab, Space and Ctrl-S (save from any
    /// field) in forms; Enter and Esc in dialogs; `?` and F1 for help everywhere. `wrap` turns
    /// each into the application's command.
    public static func standardBindings(_ wrap: (StandardCommand) -> Command) -> [KeyBinding<Command>] {
        func b(_ c: StandardCommand, _ keys: [Key], _ help: String, _ label: String?, _ context: KeyContext) -> KeyBinding<Command> {
            KeyBinding(wrap(c), name: c.rawValue, keys: keys, help: help, label: label, context: context)
        }
        return [
            b(.help, [.char("?"), .function(1)], "Show the keys", "help", .global),
            b(.up, [.up, .char("k")], "Move up", nil, .list),
            b(.down, [.down, .char("j")], "Move down", nil, .list),
            b(.left, [.left, .char("h")], "Scroll left / previous column", nil, .list),
            b(.right, [.right, .char("l")], "Scroll right / next column", nil, .list),
            b(.pageUp, [.pageUp, .ctrl("b")], "Page up", nil, .list),
            b(.pageDown, [.pageDown, .ctrl("f")], "Page down", nil, .list),
            b(.top, [.char("g"), .home], "First row", nil, .list),
            b(.bottom, [.char("G"), .end], "Last row", nil, .list),
            b(.nextField, [.tab, .down], "Next field (in a tick list, Down or j moves to the next choice first)", "next", .form),
            b(.previousField, [.backTab, .up], "Previous field (in a tick list, Up or k moves to the choice above first)", nil, .form),
            b(.toggle, [.space, .char("x")], "Tick or untick; next choice in a list (x types in a text field)", "tick", .form),
            b(.save, [.ctrl("s")], "Save (also Enter on the save button)", "save", .form),
            b(.confirm, [.enter], "Confirm", "ok", .dialog),
            b(.cancel, [.escape], "Cancel / back", "cancel", .dialog),
        ]
    }
}

extension KeyTable where Command == StandardCommand {
    /// The kit's own table: just the standard commands.
    public static var standard: KeyTable<StandardCommand> { KeyTable(standardBindings { $0 }) }
}
