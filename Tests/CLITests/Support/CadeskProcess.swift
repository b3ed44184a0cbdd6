import Foundation
import TerminalTesting
import Testing

/// Runs the built `cadesk` binary as a user would, in a sandbox of its own: a temporary HOME and
/// XDG_DATA_HOME, and none of the caller's CADESK_* variables, so a test can never touch real data.
struct Sandbox: ~Copyable {
    let root: URL
    let db: String

    /// With `training` (the default), `db` is a training database made by `cadesk init --training`
    /// with a.moreau as its supervisor: tests replay dates with `--today` and name their officers
    /// with `--as` (CLI.md, "Training databases"). Without it, nothing exists at `db` yet.
    init(training: Bool = true) throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("cadesk-test-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let db = root.appendingPathComponent("cases.sqlite").path
        if training {
            let made = try CadeskBinary.run(["init", "--training", "--db", db, "--as", "a.moreau"],
                                            environment: Self.environment(root: root))
            guard made.status == 0 else {
                try? FileManager.default.removeItem(at: root)
                throw CadeskTestError("init --training: \(made)")
            }
        }
        self.root = root
        self.db = db
    }

    /// A sandbox of its own holding a copy of `template` (another sandbox's folder, copied with
    /// its modes): for fixtures too slow to make for every test, such as a field copy's setup
    /// file under scrypt's work factor of 2^18.
    init(copying template: URL) throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("cadesk-test-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let copied = try Spawn.run("cp", ["-a", template.path + "/.", root.path])
        guard copied.status == 0 else {
            try? FileManager.default.removeItem(at: root)
            throw CadeskTestError("cp -a \(template.path): \(String(decoding: copied.stderr, as: UTF8.self))")
        }
        self.root = root
        db = root.appendingPathComponent("cases.sqlite").path
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// The environment every run starts from; `extra` adds or replaces variables.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        Self.environment(root: root, extra)
    }

    static func environment(root: URL, _ extra: [String: String] = [:]) -> [String: String] {
        var env: [String: String] = [
            "HOME": root.path,
            "XDG_DATA_HOME": root.appendingPathComponent("data").path,
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "TERM": "xterm-256color",
            "USER": "tester",
            "LOGNAME": "tester",
        ]
        for (k, v) in extra { env[k] = v }
        return env
    }

    /// Runs `cadesk ARGS --db <sandbox db> --as OFFICER --today TODAY` unless the arguments or
    /// `useDefaults: false` say otherwise.
    @discardableResult
    func run(_ args: [String], officer: String? = "a.moreau", today: String? = "2026-03-01",
             useDefaultDB: Bool = true, env: [String: String] = [:], stdin: String? = nil,
             timeout: TimeInterval = 60) throws -> RunResult {
        var full = args
        if useDefaultDB { full += ["--db", db] }
        if let officer { full += ["--as", officer] }
        if let today { full += ["--today", today] }
        return try CadeskBinary.run(full, environment: environment(env), stdin: stdin, timeout: timeout)
    }
}

struct RunResult: CustomStringConvertible {
    let status: Int32
    let stdout: String
    let stderr: String
    var description: String { "exit \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }
    /// stdout without its final newline: what `$(cadesk …)` gives a script.
    var output: String { stdout.hasSuffix("\n") ? String(stdout.dropLast()) : stdout }
    func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(stdout.utf8)) }
}

enum CadeskBinary {
    /// The binary `swift build` made: $CADESK_BIN (set by Scripts/test), else the sibling of the
    /// test bundle in the build folder.
    static let path: String = {
        if let p = ProcessInfo.processInfo.environment["CADESK_BIN"], FileManager.default.isExecutableFile(atPath: p) {
            return p
        }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("cadesk").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("cadesk").path
    }()

    /// Runs the binary through `Spawn` (posix_spawn, no inherited descriptors, a deadline), never
    /// Foundation's `Process`: see `Spawn` for the 60-second hang that made CI fail.
    static func run(_ args: [String], environment: [String: String], stdin: String? = nil,
                    timeout: TimeInterval = 60) throws -> RunResult {
        let result = try Spawn.run(path, args, environment: environment, stdin: Data((stdin ?? "").utf8),
                                   timeout: timeout)
        return RunResult(status: result.status,
                         stdout: String(decoding: result.stdout, as: UTF8.self),
                         stderr: String(decoding: result.stderr, as: UTF8.self))
    }
}

struct CadeskTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The sqlite3 shell, for tests that must change a database behind cadesk's back (tampering).
enum Sqlite {
    static func exec(_ path: String, _ sql: String) throws {
        let result = try Spawn.run("sqlite3", [path, sql])
        guard result.status == 0 else {
            throw CadeskTestError("sqlite3: \(String(decoding: result.stderr, as: UTF8.self))")
        }
    }
}
