import Foundation

/// What an attacker or a slip of the hand puts on a command line (issue 7 §5): text too long,
/// bytes that are not UTF-8, terminal escape sequences, impossible dates, numbers out of range,
/// and paths to things that are not ordinary files. The odd paths all lie in `folder` (a test's
/// temporary folder) except /dev/zero, which is only ever given where a file is read.
struct HostileValues {
    struct Value {
        let label: String
        let bytes: [UInt8]
    }

    let folder: URL

    init(in folder: URL) throws {
        self.folder = folder
        let fm = FileManager.default
        try fm.createDirectory(at: folder.appendingPathComponent("a-folder"), withIntermediateDirectories: true)
        try Data("2026-12-25\n".utf8).write(to: victim)
        try fm.createSymbolicLink(atPath: folder.appendingPathComponent("a-symlink").path, withDestinationPath: victim.path)
        // NUL bytes, an escape sequence and bytes that are not UTF-8, in a file that is read.
        let nul: [UInt8] = Array("2026-12-25\n".utf8) + [0, 0x1B] + Array("[2J\n".utf8) + [0, 0xFF, 0xFE, 0x0A]
        try Data(nul).write(to: folder.appendingPathComponent("nul-bytes.txt"))
    }

    /// The file the symlink points at: what a write through the link would damage.
    var victim: URL { folder.appendingPathComponent("victim.txt") }

    /// Text and number values, for every argument.
    static let text: [Value] = [
        Value(label: "overlong", bytes: Array(repeating: UInt8(ascii: "A"), count: 100_000)),
        Value(label: "invalid UTF-8", bytes: [0x66, 0xFF, 0xFE, 0x80, 0x28, 0xC3]),
        Value(label: "CSI/OSC", bytes: Array("x\u{1B}[2J\u{1B}]0;PWNED\u{07}\u{9B}31m\u{7F}\u{08}y".utf8)),
        Value(label: "newline", bytes: Array("two\nlines\r".utf8)),
        Value(label: "empty", bytes: []),
    ]

    static let datesAndNumbers: [Value] = [
        Value(label: "impossible date", bytes: Array("2026-02-30".utf8)),
        Value(label: "year zero", bytes: Array("0000-00-00".utf8)),
        Value(label: "huge number", bytes: Array("99999999999999999999".utf8)),
        Value(label: "negative number", bytes: Array("-9223372036854775808".utf8)),
    ]

    /// Odd paths; `reading` adds /dev/zero (an endless file) for arguments that are read. Each
    /// call makes a fifo of its own: two runs given one fifo would open it for each other (one
    /// reading, one writing) and hide a hang.
    func paths(reading: Bool) throws -> [Value] {
        let fifo = "fifo-\(fifos.take(below: .max)!)"
        guard mkfifo(folder.appendingPathComponent(fifo).path, 0o600) == 0 else { throw CadeskTestError("mkfifo: \(String(cString: strerror(errno)))") }
        var values = [("a folder", "a-folder"), ("a fifo", fifo), ("a symlink", "a-symlink"),
                      ("NUL bytes in a file", "nul-bytes.txt")].map {
            Value(label: $0.0, bytes: Array(folder.appendingPathComponent($0.1).path.utf8))
        }
        if reading { values.append(Value(label: "/dev/zero", bytes: Array("/dev/zero".utf8))) }
        return values
    }
    private let fifos = Counter()

    /// The hostile values for an argument: text for all; dates and numbers where the value is
    /// free (an enumerated option refuses them by the same "not one of" check as any other
    /// word); odd paths where it names a file.
    func values(for argument: CommandCatalog.Argument, reading: Bool) throws -> [Value] {
        if argument.allowedValues != nil { return Self.text }
        return Self.text + Self.datesAndNumbers + (argument.namesAFile ? try paths(reading: reading) : [])
    }

    /// Whether `bytes` holds what a terminal would obey: C0 controls other than newline and
    /// tab, DEL, and the C1 controls (U+0080–U+009F, two bytes in UTF-8).
    static func controlBytes(in bytes: Data) -> [UInt8] {
        var found: [UInt8] = []
        var previous: UInt8 = 0
        for byte in bytes {
            if (byte < 0x20 && byte != 0x0A && byte != 0x09) || byte == 0x7F { found.append(byte) }
            if previous == 0xC2 && (0x80...0x9F).contains(byte) { found.append(byte) }
            previous = byte
        }
        return found
    }
}
