import Testing
@testable import TerminalKit
import CNCurses

enum DeskCommand: Hashable, Sendable {
    case nav(StandardCommand), open, act, quit, search
}

func deskKeys() -> KeyTable<DeskCommand> {
    KeyTable(KeyTable.standardBindings { .nav($0) } + [
        KeyBinding(.open, name: "open", keys: [.enter], help: "Open the selected case", label: "open", context: .list),
        KeyBinding(.act, name: "act", keys: [.char("a")], help: "Act on the case", label: "act", context: .list),
        KeyBinding(.search, name: "search", keys: [.char("/")], help: "Search", label: "search", context: .list),
        KeyBinding(.quit, name: "quit", keys: [.char("q")], help: "Quit cadesk", label: "quit", context: .global),
    ])
}

@Suite("Keys and the key table")
struct KeyTableTests {
    @Test func lookupSearchesContextsInOrder() {
        let keys = deskKeys()
        #expect(keys.command(for: .char("j"), in: [.list, .global]) == .nav(.down))
        #expect(keys.command(for: .down, in: [.list, .global]) == .nav(.down))
        #expect(keys.command(for: .char("G"), in: [.list]) == .nav(.bottom))
        #expect(keys.command(for: .char("q"), in: [.list, .global]) == .quit)
        #expect(keys.command(for: .char("a"), in: [.global]) == nil)  // only in lists
        #expect(keys.command(for: .function(1), in: [.list, .global]) == .nav(.help))
        #expect(keys.command(for: .tab, in: [.form]) == .nav(.nextField))
        #expect(keys.command(for: .backTab, in: [.form]) == .nav(.previousField))
        #expect(keys.command(for: .escape, in: [.dialog]) == .nav(.cancel))
    }

    @Test func testsPressCommandsByName() {
        let keys = deskKeys()
        #expect(keys.key(for: "open") == .enter)
        #expect(keys.key(for: "down") == .down)
        #expect(keys.key(for: "quit") == .char("q"))
    }

    @Test func defaultTableHasNoConflicts() {
        #expect(deskKeys().conflicts().isEmpty)
    }

    @Test func statusHintsComeFromLabels() {
        let keys = deskKeys()
        #expect(keys.hints(["open", "act", "help", "quit"]).map(\.text) == ["⏎ open", "a act", "? help", "q quit"])
        #expect(keys.hints(["down"]).isEmpty)  // unlabelled
    }

    @Test func helpIsGeneratedFromTheTable() {
        let lines = deskKeys().helpLines(contexts: [.global, .list], titles: [.list: "Case list"])
        #expect(lines == [
            "Global",
            "  ?, F1     Show the keys",
            "  q         Quit cadesk",
            "",
            "Case list",
            "  ↑, k      Move up",
            "  ↓, j      Move down",
            "  ←, h      Scroll left / previous column",
            "  →, l      Scroll right / next column",
            "  pgup, ^B  Page up",
            "  pgdn, ^F  Page down",
            "  g, home   First row",
            "  G, end    Last row",
            "  ⏎         Open the selected case",
            "  a         Act on the case",
            "  /         Search",
        ])
    }

    @Test func overrideFileRebindsCommands() throws {
        let file = """
        # my keys
        open = Enter, o
        quit = Ctrl-Q, F10   # not q: too easy to hit
        list.act = A
        down = Down, J
        help = none
        """
        let keys = try deskKeys().applyingOverrides(file)
        #expect(keys.command(for: .char("o"), in: [.list]) == .open)
        #expect(keys.command(for: .ctrl("q"), in: [.global]) == .quit)
        #expect(keys.command(for: .function(10), in: [.global]) == .quit)
        #expect(keys.command(for: .char("q"), in: [.global]) == nil)
        #expect(keys.command(for: .char("A"), in: [.list]) == .act)
        #expect(keys.command(for: .char("J"), in: [.list]) == .nav(.down))
        #expect(keys.command(for: .char("j"), in: [.list]) == nil)
        #expect(keys.command(for: .char("?"), in: [.global]) == nil)
        #expect(keys.hints(["quit"]).map(\.text) == ["^Q quit"])
    }

    @Test func unknownCommandIsReportedWithItsLine() {
        #expect(throws: KeyTableError.self) { try deskKeys().applyingOverrides("open = o\nopne = p", file: "keys.conf") }
        do {
            _ = try deskKeys().applyingOverrides("open = o\nopne = p", file: "keys.conf")
        } catch {
            #expect(error.line == 2)
            #expect(error.description.hasPrefix("keys.conf line 2: unknown command \"opne\"; known commands: help, up, down"))
        }
    }

    @Test func unknownKeyIsReported() {
        do {
            _ = try deskKeys().applyingOverrides("\n\nquit = Ctrl-Alt-Delete")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3)
            #expect(error.reason == .unknownKey("Ctrl-Alt-Delete"))
        }
    }

    @Test func malformedLineAndUnknownContextAreReported() {
        do { _ = try deskKeys().applyingOverrides("quit q"); Issue.record("expected an error") } catch {
            #expect(error.reason == .malformed("quit q"))
        }
        do { _ = try deskKeys().applyingOverrides("lst.open = o"); Issue.record("expected an error") } catch {
            #expect(error.reason == .unknownContext("lst"))
        }
    }

    @Test func overrideThatCreatesAConflictIsRefused() {
        do {
            _ = try deskKeys().applyingOverrides("act = j")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 1)
            #expect(error.description == "keys line 1: j is bound to both \"down\" and \"act\" in list")
        }
    }

    @Test func missingOverrideFileLeavesTheTableAlone() throws {
        let keys = try deskKeys().applyingOverrides(fileAt: "/nonexistent/cadesk/keys")
        #expect(keys.key(for: "quit") == .char("q"))
    }

    @Test func keyNamesRoundTrip() {
        let keys: [Key] = [.char("j"), .char("G"), .char("é"), .space, .up, .down, .left, .right, .home, .end,
                           .pageUp, .pageDown, .enter, .tab, .backTab, .escape, .backspace, .delete,
                           .function(1), .function(12), .ctrl("l"), .alt("x")]
        for k in keys { #expect(Key(name: k.name) == k, "\(k.name)") }
        #expect(Key(name: "^L") == .ctrl("l"))
        #expect(Key(name: "C-w") == .ctrl("w"))
        #expect(Key(name: "ctrl-i") == .tab)
        #expect(Key(name: "pagedown") == .pageDown)
        #expect(Key(name: "F13") == nil)
        #expect(Key(name: "Hyper-x") == nil)
    }

    @Test func cursesCodesDecode() {
        let ok = Int32(OK), fn = Int32(KEY_CODE_YES)
        #expect(Key.decode(status: ok, value: 0x6A) == .char("j"))
        #expect(Key.decode(status: ok, value: 0x65E5) == .char("日"))
        #expect(Key.decode(status: ok, value: 0x0D) == .enter)
        #expect(Key.decode(status: ok, value: 0x0A) == .enter)
        #expect(Key.decode(status: ok, value: 0x09) == .tab)
        #expect(Key.decode(status: ok, value: 0x1B) == .escape)
        #expect(Key.decode(status: ok, value: 0x7F) == .backspace)
        #expect(Key.decode(status: ok, value: 0x0C) == .ctrl("l"))
        #expect(Key.decode(status: ok, value: 0x15) == .ctrl("u"))
        #expect(Key.decode(status: ok, value: 0x17) == .ctrl("w"))
        #expect(Key.decode(status: ok, value: 0x9B) == nil)  // C1 CSI is never a key
        #expect(Key.decode(status: fn, value: UInt32(KEY_UP)) == .up)
        #expect(Key.decode(status: fn, value: UInt32(KEY_NPAGE)) == .pageDown)
        #expect(Key.decode(status: fn, value: UInt32(KEY_PPAGE)) == .pageUp)
        #expect(Key.decode(status: fn, value: UInt32(KEY_HOME)) == .home)
        #expect(Key.decode(status: fn, value: UInt32(KEY_END)) == .end)
        #expect(Key.decode(status: fn, value: UInt32(KEY_BTAB)) == .backTab)
        #expect(Key.decode(status: fn, value: UInt32(KEY_DC)) == .delete)
        #expect(Key.decode(status: fn, value: UInt32(KEY_BACKSPACE)) == .backspace)
        #expect(Key.decode(status: fn, value: UInt32(KEY_RESIZE)) == .resize)
        #expect(Key.decode(status: fn, value: UInt32(cadesk_key_f(1))) == .function(1))
        #expect(Key.decode(status: fn, value: UInt32(cadesk_key_f(12))) == .function(12))
        #expect(Key.decode(status: Int32(ERR), value: 0) == nil)
    }
}
