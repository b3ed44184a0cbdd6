import Foundation

/// A real terminal for end-to-end tests, shared by the TerminalKit and command-line suites: a tmux
/// server of its own (private socket), one pane of a given size running a command. Tests type with `send`, then `waitFor` text to appear — polling the
/// pane until a condition holds, never sleeping a fixed time — and assert on `screen()`.
public final class TmuxTerminal {
    public let socket: String
    public let session: String
    public private(set) var closed = false

    /// Runs `command` with exactly `environment` (nothing inherited from the test runner).
    public convenience init(command: [String], environment: [String: String], width: Int = 80, height: Int = 24,
                            session: String = "cadesk") throws {
        let envArgs = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }
        try self.init(shellCommand: (["env", "-i"] + envArgs + command.map(Self.quote)).joined(separator: " "),
                      width: width, height: height, session: session)
    }

    /// Runs a shell command line in the pane.
    public init(shellCommand: String, width: Int = 80, height: Int = 24, session: String = "cadesk") throws {
        socket = "cadesk-e2e-\(UUID().uuidString.prefix(8))"
        self.session = session
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)",
                  shellCommand])
        // Keep the pane after the program exits, so a test can read what it left on screen.
        try tmux(["set-option", "-t", session, "remain-on-exit", "on"])
        try tmux(["set-option", "-t", session, "window-size", "manual"])
    }

    deinit { close() }

    public func close() {
        guard !closed else { return }
        closed = true
        _ = try? tmux(["kill-server"])
        let dir = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        unlink("\(dir)/tmux-\(getuid())/\(socket)")
    }

    /// Sends tmux key names (`Enter`, `Escape`, `Tab`, `BTab`, `Up`, `C-c`, `F1`…).
    public func press(_ keys: String...) throws {
        try tmux(["send-keys", "-t", session] + keys)
    }

    /// Types text literally.
    public func type(_ text: String) throws {
        try tmux(["send-keys", "-t", session, "-l", text])
    }

    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The visible screen, one string per row.
    public func screen() throws -> [String] {
        try tmux(["capture-pane", "-p", "-t", session]).components(separatedBy: "\n")
    }

    public var screenText: String { (try? screen().joined(separator: "\n")) ?? "" }

    /// Polls the pane until `condition` holds; throws with the last screen when it never does.
    @discardableResult
    public func waitUntil(_ what: String, timeout: TimeInterval = 15, _ condition: ([String]) -> Bool) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var last: [String] = []
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TerminalTestError("timed out waiting for \(what); the screen was:\n" + last.joined(separator: "\n"))
    }

    @discardableResult
    public func waitFor(_ text: String, timeout: TimeInterval = 15) throws -> [String] {
        try waitUntil("“\(text)”", timeout: timeout) { $0.contains { $0.contains(text) } }
    }

    public func waitForGone(_ text: String, timeout: TimeInterval = 15) throws {
        try waitUntil("“\(text)” to go", timeout: timeout) { !$0.contains { $0.contains(text) } }
    }

    /// Whether the program in the pane has exited (the pane is dead), and its exit status.
    public func exitStatus() throws -> Int? {
        let out = try tmux(["display-message", "-p", "-t", session, "#{pane_dead} #{pane_dead_status}"])
        let parts = out.split(separator: " ")
        guard parts.first == "1" else { return nil }
        return parts.count > 1 ? Int(parts[1]) : 0
    }

    public func waitForExit(timeout: TimeInterval = 15) throws -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let status = try exitStatus() { return status }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TerminalTestError("the program did not exit; the screen was:\n\(screenText)")
    }

    /// Runs tmux through `Spawn` (no inherited descriptors, signals unblocked: see there). Its output
    /// goes to files rather than pipes, because the server that `new-session` forks from the client
    /// would otherwise hold the pipe open for as long as it lives.
    @discardableResult
    public func tmux(_ args: [String]) throws -> String {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("cadesk-tmux-\(UUID().uuidString.prefix(8))").path
        let outPath = base + ".out", errPath = base + ".err"
        defer { unlink(outPath); unlink(errPath) }
        let pid: pid_t
        do {
            pid = try Spawn.spawn("tmux", ["-L", socket] + args, environment: nil) { actions in
                posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
                posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
                posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            }
        } catch {
            throw TerminalTestError("tmux could not be started (\(error)); Scripts/test installs it")
        }
        let status = try Spawn.wait(pid, until: Date().addingTimeInterval(30), what: "tmux \(args.first ?? "")")
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            throw TerminalTestError("tmux \(args.joined(separator: " ")): \(err)")
        }
        return output.hasSuffix("\n") ? String(output.dropLast()) : output
    }

    public static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

public struct TerminalTestError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
