import Foundation
import Testing
import TerminalKit
import TerminalTesting

/// A private tmux server running the terminal demo (see `TerminalDemo`) from this very test
/// binary: the ncurses backend as a person sees it. The terminal itself is the shared
/// `TmuxTerminal` (posix_spawn, private socket, waits by polling the screen).
final class DemoTerminal {
    let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("tk-demo-\(UUID().uuidString.prefix(8)).pid").path
    let terminal: TmuxTerminal

    init(width: Int = 80, height: Int = 24) throws {
        let exe = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        // The shell reports how the demo ended and how the terminal was left, then waits.
        let command = "env TERMINALKIT_DEMO=1 TERMINALKIT_DEMO_PIDFILE=\(pidFile) LANG=C.UTF-8 TERM=xterm-256color '\(exe)' "
            + "--testing-library swift-testing --filter terminalDemo  2>/dev/null; "
            + "echo EXIT=$?; stty -a | tr ' ;' '\\n\\n' | grep -x -e '-\\?icanon' -e '-\\?echo' | tr '\\n' ' '; echo; sleep 30"
        terminal = try TmuxTerminal(shellCommand: command, width: width, height: height, session: "demo")
    }

    deinit { close() }

    func close() {
        terminal.close()
        try? FileManager.default.removeItem(atPath: pidFile)
    }

    @discardableResult
    func tmux(_ args: [String]) throws -> String { try terminal.tmux(args) }
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", "demo"] + keys) }
    func type(_ text: String) throws { try terminal.type(text) }
    func screen() throws -> [String] { try terminal.screen() }
    func cursor() throws -> String { try tmux(["display-message", "-p", "-t", "demo", "#{cursor_x},#{cursor_y}"]).trimmingCharacters(in: .whitespacesAndNewlines) }

    @discardableResult
    func waitUntil(_ what: String, timeout: TimeInterval = 15, _ condition: ([String]) -> Bool) throws -> [String] {
        do { return try terminal.waitUntil(what, timeout: timeout, condition) } catch {
            Issue.record(error)
            throw error
        }
    }

    @discardableResult
    func waitFor(_ text: String) throws -> [String] { try waitUntil("\"\(text)\"") { $0.contains { $0.contains(text) } } }

    /// Waits for the shell's report after the demo ended: `EXIT=n`, then the tty modes line.
    @discardableResult
    func waitForEnd(_ exit: Int) throws -> [String] {
        try waitUntil("EXIT=\(exit) and the tty modes") { lines in
            guard let i = lines.firstIndex(where: { $0.hasPrefix("EXIT=") }) else { return false }
            return lines[i] == "EXIT=\(exit)" && lines.indices.contains(i + 1) && lines[i + 1].contains("icanon")
        }
    }

    func demoPID() throws -> Int32 {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let s = try? String(contentsOfFile: pidFile, encoding: .utf8), let pid = Int32(s) { return pid }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw CancellationError()
    }
}

@Suite("Real terminal (tmux)", .serialized,
       .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
                    && ProcessInfo.processInfo.environment["TERMINALKIT_DEMO"] == nil))
struct RealTerminalTests {
    @Test func wideGlyphsLineUpAndKeysMoveTheSelection() throws {
        let term = try DemoTerminal()
        defer { term.close() }
        // The whole first frame, down to the last cell (a frame may reach tmux in several writes).
        let first = try term.waitUntil("the first frame") { $0.contains { $0.hasPrefix("▶IN-MLA-2026-1 ") } && $0.count == 24 && $0[23].hasSuffix("┘") }
        // CJK titles take two columns each: the NEXT column lines up on every row.
        let overdue = try #require(first.first { $0.hasPrefix("▶IN-MLA-2026-1 ") })
        let next = try #require(first.first { $0.hasPrefix(" IN-MLA-2026-2 ") })
        #expect(overdue == "▶IN-MLA-2026-1       日本語 案件                                  overdue 0 d")
        #expect(next == " IN-MLA-2026-2       préservation                                 in 1 d")
        // The last cell of the last row is drawn and nothing scrolled.
        #expect(first[0] == " [Cases]  Deadlines")
        #expect(first[23].hasPrefix(" / search  a act  q quit") && first[23].hasSuffix("┘"))
        #expect(displayWidth(first[23]) == 80)
        try term.press("j", "j", "G")
        try term.waitFor("▶IN-MLA-2026-100000")
        try term.press("g")
        try term.waitFor("▶IN-MLA-2026-1 ")
        try term.press("q")
        let end = try term.waitForEnd(0)
        #expect(end.contains { $0.hasPrefix("icanon echo") })
    }

    @Test func typingUTF8ShowsTheCursorAfterTheText() throws {
        let term = try DemoTerminal()
        defer { term.close() }
        _ = try term.waitFor("▶IN-MLA-2026-1 ")
        try term.press("/")
        try term.type("Müller 日本 abc")
        try term.press("BSpace", "C-w")
        // tmux drops trailing spaces from the captured line; the cursor shows the one typed.
        try term.waitUntil("the search line") { $0[23].hasPrefix("/Müller 日本 ") && !$0[23].contains("ab") }
        // "/" + 7 + 2×2 + a space; the cursor move may trail the text by a moment.
        let deadline = Date().addingTimeInterval(5)
        var cursor = try term.cursor()
        while cursor != "13,23" && Date() < deadline { Thread.sleep(forTimeInterval: 0.05); cursor = try term.cursor() }
        #expect(cursor == "13,23")
        try term.press("Escape")
        try term.waitFor("/ search  a act  q quit")
    }

    @Test func escapeRightBeforeAnotherKeyIsTwoKeys() throws {
        let term = try DemoTerminal()
        defer { term.close() }
        try term.waitFor("▶IN-MLA-2026-1 ")
        try term.press("/")
        try term.type("x")
        try term.waitFor("/x")
        try term.press("Escape", "a")  // one burst: leave the search, then act
        try term.waitFor("┌ Refuse IN-MLA-2026-1 ")
        try term.press("Escape")
        try term.waitFor("/ search  a act  q quit")
    }

    @Test func resizeBelowTheMinimumAndBack() throws {
        let term = try DemoTerminal()
        defer { term.close() }
        _ = try term.waitFor("▶IN-MLA-2026-1 ")
        try term.tmux(["resize-window", "-t", "demo", "-x", "50", "-y", "12"])
        try term.waitFor("window too small (need 60×16)")
        try term.tmux(["resize-window", "-t", "demo", "-x", "100", "-y", "30"])
        let screen = try term.waitUntil("the 100×30 frame") { $0.count == 30 && $0[29].contains("/ search  a act  q quit") }
        #expect(screen.contains { $0.hasPrefix("▶IN-MLA-2026-1 ") })
        #expect(screen[0] == " [Cases]  Deadlines")
        #expect(screen[29].contains("/ search  a act  q quit"))
    }

    @Test func sigtermRestoresTheTerminalThenEndsTheProgram() throws {
        let term = try DemoTerminal()
        defer { term.close() }
        _ = try term.waitFor("▶IN-MLA-2026-1 ")
        kill(try term.demoPID(), SIGTERM)
        let end = try term.waitForEnd(143)  // 128 + SIGTERM: the signal was re-raised
        #expect(end.contains { $0.hasPrefix("icanon echo") })  // cooked mode and echo are back
        #expect(!end.contains { $0.contains("IN-MLA-2026") })  // the alternate screen is gone
    }

    @Test func sighupToo() throws {
        let term = try DemoTerminal()
        defer { term.close() }
        _ = try term.waitFor("▶IN-MLA-2026-1 ")
        kill(try term.demoPID(), SIGHUP)
        let end = try term.waitForEnd(129)
        #expect(end.contains { $0.hasPrefix("icanon echo") })
    }
}
