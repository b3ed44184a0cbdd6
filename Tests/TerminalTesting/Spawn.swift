import Foundation

/// Starts programs for tests with posix_spawn, never Foundation's `Process`.
///
/// The test runner runs suites in parallel threads of one process, so a child started by one test
/// must not inherit a descriptor another test holds open at that moment. Foundation's `Process`
/// watches each child through a socket the child inherits, and its `Pipe`s are not close-on-exec:
/// a tmux server spawned meanwhile kept both open, so a command-line test waited 60 s for a
/// `cadesk` that had long exited (CI, stop 5). Here every child gets exactly stdin, stdout and
/// stderr (`closefrom(3)` in the child), and an empty signal mask with default handlers, because
/// the runner's threads block signals that tmux and cadesk rely on (SIGCHLD, SIGTERM, SIGWINCH).
public enum Spawn {
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: Data
        public let stderr: Data
    }

    /// Runs `executable` (searched in PATH when it has no slash) with exactly `environment`, feeds it
    /// `stdin`, collects both outputs and waits for it. Past `timeout` the child is killed and the
    /// call throws, so a hung program fails its test instead of the run.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           stdin: Data = Data(), timeout: TimeInterval = 60) throws -> Result {
        try run(executable, bytes: arguments.map { Array($0.utf8) }, environment: environment, stdin: stdin, timeout: timeout)
    }

    /// `run` with arguments given as bytes, so that a test can pass what a String cannot hold
    /// (invalid UTF-8, as a file name from another system may be).
    /// `directory`, when given, is the child's working directory: where a relative path it is
    /// given lands (a test's temporary folder, never the package).
    public static func run(_ executable: String, bytes arguments: [[UInt8]], environment: [String: String]? = nil,
                           stdin: Data = Data(), timeout: TimeInterval = 60, directory: String? = nil) throws -> Result {
        _ = ignoreBrokenPipe
        if directory != nil && addChdir == nil { throw SpawnError("this C library cannot start a child in another directory") }
        let input = try CloseOnExecPipe(), output = try CloseOnExecPipe(), errors = try CloseOnExecPipe()
        let pid = try spawn(executable, bytes: arguments, environment: environment) { actions in
            if let directory, let addChdir { _ = addChdir(&actions, directory) }
            posix_spawn_file_actions_adddup2(&actions, input.read, 0)
            posix_spawn_file_actions_adddup2(&actions, output.write, 1)
            posix_spawn_file_actions_adddup2(&actions, errors.write, 2)
        }
        // Whatever path leaves this function, the child does not outlive it (nor stay a zombie).
        var reaped = false
        defer { if !reaped { kill(pid, SIGKILL); _ = reap(pid) } }
        input.closeRead(); output.closeWrite(); errors.closeWrite()
        input.nonBlockingWrite()
        let deadline = Date().addingTimeInterval(timeout)
        var pending = stdin[...]
        var out = Data(), err = Data()
        var open: [Int32: Bool] = [output.read: true, errors.read: true]
        if pending.isEmpty { input.closeWrite() }
        while open.values.contains(true) || input.write >= 0 {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 {
                throw SpawnError("\(executable) \(describe(arguments)) did not finish in \(Int(timeout)) s")
            }
            var fds = open.filter(\.value).keys.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if input.write >= 0 { fds.append(pollfd(fd: input.write, events: Int16(POLLOUT), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(remaining, 1) * 1000))
            if ready < 0 && errno != EINTR { throw SpawnError("poll: \(String(cString: strerror(errno)))") }
            for fd in fds where fd.revents != 0 {
                if fd.fd == input.write {
                    let written = pending.withUnsafeBytes { Glibc.write(fd.fd, $0.baseAddress, $0.count) }
                    if written > 0 { pending = pending.dropFirst(written) }
                    let failed = written < 0 && errno != EAGAIN && errno != EINTR
                    if failed || pending.isEmpty { input.closeWrite() }
                    continue
                }
                var buffer = [UInt8](repeating: 0, count: 65536)
                let count = Glibc.read(fd.fd, &buffer, buffer.count)
                if count > 0 {
                    if fd.fd == output.read { out.append(buffer, count: count) } else { err.append(buffer, count: count) }
                } else if count == 0 || errno != EINTR {
                    open[fd.fd] = false
                }
            }
        }
        output.closeRead(); errors.closeRead()
        // Both outputs are closed: the program has ended or is about to; wait for it, still bounded.
        reaped = true  // `wait` reaps it, or kills and reaps it before throwing
        let status = try wait(pid, until: deadline, what: "\(executable) \(describe(arguments))")
        return Result(status: status, stdout: out, stderr: err)
    }

    /// Waits for `pid` to exit until `deadline`, polling; past it the child is killed and the call throws.
    public static func wait(_ pid: pid_t, until deadline: Date, what: String) throws -> Int32 {
        while Date() < deadline {
            if let status = reap(pid, blocking: false) { return status }
            usleep(2_000)
        }
        kill(pid, SIGKILL)
        _ = reap(pid)
        throw SpawnError("\(what) did not exit in time")
    }

    /// A child that exits before reading all its stdin makes the write fail with EPIPE, which must
    /// not kill the test runner with SIGPIPE.
    private static let ignoreBrokenPipe: Void = { signal(SIGPIPE, SIG_IGN); return () }()

    /// Starts a child with its standard descriptors set by `redirect`, every other descriptor closed,
    /// and signals unblocked and at their defaults. Returns its pid.
    public static func spawn(_ executable: String, _ arguments: [String], environment: [String: String]?,
                             redirect: (inout posix_spawn_file_actions_t) -> Void) throws -> pid_t {
        try spawn(executable, bytes: arguments.map { Array($0.utf8) }, environment: environment, redirect: redirect)
    }

    /// `spawn` with arguments given as bytes (see `run(_:bytes:…)`).
    public static func spawn(_ executable: String, bytes arguments: [[UInt8]], environment: [String: String]?,
                             redirect: (inout posix_spawn_file_actions_t) -> Void) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        redirect(&actions)
        closeFrom3(&actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([Array(executable.utf8)] + arguments).map(cString) + [nil]
        defer { argv.forEach { free($0) } }
        let envp = environment.map { $0.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { envp?.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = envp.map { envp in posix_spawnp(&pid, executable, &actions, &attributes, argv, envp) }
            ?? posix_spawnp(&pid, executable, &actions, &attributes, argv, environ)
        guard rc == 0 else { throw SpawnError("\(executable) could not be started: \(String(cString: strerror(rc)))") }
        return pid
    }

    /// A malloc'd, NUL-terminated copy of `bytes`, freed by the caller.
    private static func cString(_ bytes: [UInt8]) -> UnsafeMutablePointer<CChar>? {
        let copy = malloc(bytes.count + 1)!.assumingMemoryBound(to: CChar.self)
        for (i, byte) in bytes.enumerated() { copy[i] = CChar(bitPattern: byte) }
        copy[bytes.count] = 0
        return copy
    }

    /// Arguments for a message: invalid UTF-8 shown as replacement characters.
    private static func describe(_ arguments: [[UInt8]]) -> String {
        arguments.map { String(decoding: $0.prefix(200), as: UTF8.self) }.joined(separator: " ")
    }

    /// The exit status of `pid` (128 + the signal when a signal ended it), or nil while it runs.
    public static func reap(_ pid: pid_t, blocking: Bool = true) -> Int32? {
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, blocking ? 0 : WNOHANG)
            if r == -1 && errno == EINTR { continue }
            if r == 0 { return nil }
            if r == -1 { return -1 }
            let signal = status & 0x7f
            return signal == 0 ? (status >> 8) & 0xff : 128 + signal
        }
    }

    /// glibc 2.34 and later close every descriptor from 3 in the child; Swift's Glibc module does
    /// not declare the function (it is a GNU extension), so it is looked up by name.
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let addCloseFrom: AddCloseFrom? =
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
            .map { unsafeBitCast($0, to: AddCloseFrom.self) }

    /// glibc 2.29 and later change the child's directory; looked up by name like closefrom.
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private static let addChdir: AddChdir? =
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np")
            .map { unsafeBitCast($0, to: AddChdir.self) }

    private static func closeFrom3(_ actions: inout posix_spawn_file_actions_t) {
        if let addCloseFrom {
            _ = addCloseFrom(&actions, 3)
        } else {
            // Older C libraries: close what this process has open now, one by one.
            let limit = min(Int32(sysconf(Int32(_SC_OPEN_MAX))), 4096)
            for fd in 3..<max(limit, 3) where fcntl(fd, F_GETFD) != -1 {
                posix_spawn_file_actions_addclose(&actions, fd)
            }
        }
    }
}

/// A pipe whose ends are close-on-exec, so only the child it is given to (by dup2) inherits it.
private final class CloseOnExecPipe {
    /// A GNU (and BSD) call Swift's Glibc module does not declare; looked up by name.
    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    private static let pipe2: Pipe2? =
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pipe2").map { unsafeBitCast($0, to: Pipe2.self) }

    private(set) var read: Int32
    private(set) var write: Int32
    init() throws {
        var fds: [Int32] = [-1, -1]
        if let pipe2 = Self.pipe2 {
            // Atomically close-on-exec: no other thread's spawn can catch it half made.
            guard pipe2(&fds, O_CLOEXEC) == 0 else { throw SpawnError("pipe2: \(String(cString: strerror(errno)))") }
        } else {
            guard pipe(&fds) == 0 else { throw SpawnError("pipe: \(String(cString: strerror(errno)))") }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        }
        read = fds[0]
        write = fds[1]
    }
    /// The parent's end of the child's stdin must not block the loop that also reads its output.
    func nonBlockingWrite() { _ = fcntl(write, F_SETFL, fcntl(write, F_GETFL) | O_NONBLOCK) }
    func closeRead() { if read >= 0 { Glibc.close(read); read = -1 } }
    func closeWrite() { if write >= 0 { Glibc.close(write); write = -1 } }
    deinit { closeRead(); closeWrite() }
}

public struct SpawnError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
