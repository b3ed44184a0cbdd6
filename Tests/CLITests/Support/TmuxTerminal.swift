import Foundation

/// A real terminal for end-to-end tests: a tmux server of its own (private socket), one pane of a
/// given size running a command. Tests type with `send`, then `waitFor` text to appear — polling the
/// pane until a condition holds, never sleeping a fixed time — and assert on `screen()`.
final class TmuxTerminal {
    let socket: String
    let session = "cadesk"
    private(set) var closed = false

    init(command: [String], environment: [String: String], width: Int = 80, height: Int = 24) throws {
        socket = "cadesk-e2e-\(UUID().uuidString.prefix(8))"
        let envArgs = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }
        let shellCommand = (["env", "-i"] + envArgs + command.map(Self.quote)).joined(separator: " ")
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)",
                  shellCommand])
        // Keep the pane after the program exits, so a test can read what it left on screen.
        try tmux(["set-option", "-t", session, "remain-on-exit", "on"])
        try tmux(["set-option", "-t", session, "window-size", "manual"])
    }

    deinit { close() }

    func close() {
        guard !closed else { return }
        closed = true
        _ = try? tmux(["kill-server"])
    }

    /// Sends tmux key names (`Enter`, `Escape`, `Tab`, `BTab`, `Up`, `C-c`, `F1`…).
    func press(_ keys: String...) throws {
        try tmux(["send-keys", "-t", session] + keys)
    }

    /// Types text literally.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", session, "-l", text])
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The visible screen, one string per row.
    func screen() throws -> [String] {
        try tmux(["capture-pane", "-p", "-t", session]).components(separatedBy: "\n")
    }

    var screenText: String { (try? screen().joined(separator: "\n")) ?? "" }

    /// Polls the pane until `condition` holds; throws with the last screen when it never does.
    @discardableResult
    func waitUntil(_ what: String, timeout: TimeInterval = 15, _ condition: ([String]) -> Bool) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var last: [String] = []
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw CadeskTestError("timed out waiting for \(what); the screen was:\n" + last.joined(separator: "\n"))
    }

    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 15) throws -> [String] {
        try waitUntil("“\(text)”", timeout: timeout) { $0.contains { $0.contains(text) } }
    }

    func waitForGone(_ text: String, timeout: TimeInterval = 15) throws {
        try waitUntil("“\(text)” to go", timeout: timeout) { !$0.contains { $0.contains(text) } }
    }

    /// Whether the program in the pane has exited (the pane is dead), and its exit status.
    func exitStatus() throws -> Int? {
        let out = try tmux(["display-message", "-p", "-t", session, "#{pane_dead} #{pane_dead_status}"])
        let parts = out.split(separator: " ")
        guard parts.first == "1" else { return nil }
        return parts.count > 1 ? Int(parts[1]) : 0
    }

    func waitForExit(timeout: TimeInterval = 15) throws -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let status = try exitStatus() { return status }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw CadeskTestError("the program did not exit; the screen was:\n\(screenText)")
    }

    @discardableResult
    private func tmux(_ args: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux", "-L", socket] + args
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CadeskTestError("tmux \(args.joined(separator: " ")): \(String(decoding: errData, as: UTF8.self))")
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
