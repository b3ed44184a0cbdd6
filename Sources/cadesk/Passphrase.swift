import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a passphrase comes from: `--passphrase-file`, else `$CADESK_PASSPHRASE`, else a prompt
/// on the terminal with echo off. Never a command-line argument: argv is visible to every user
/// of the machine (ps) and lands in shell history.
struct PassphraseOptions: ParsableArguments {
    @Option(name: .customLong("passphrase-file"),
            help: ArgumentHelp("Read the passphrase from the first line of this file (else $CADESK_PASSPHRASE, else a prompt).", valueName: "file"))
    var file: String?

    func passphrase(what: String, confirm: Bool, environment: [String: String]) throws -> [UInt8] {
        let text: String
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CLIError.usage(what, "cannot read the passphrase file \(file)")
            }
            text = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .first.map { String($0.hasSuffix("\r") ? $0.dropLast() : $0) } ?? ""
        } else if let env = environment["CADESK_PASSPHRASE"], !env.isEmpty {
            text = env
        } else {
            text = try Self.prompt(what: what, confirm: confirm)
        }
        guard text.count >= 8 else { throw CLIError.usage(what, "the passphrase must have at least 8 characters") }
        return Array(text.utf8)
    }

    private static func prompt(what: String, confirm: Bool) throws -> String {
        let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard tty >= 0 else {
            throw CLIError.usage(what, "no passphrase: give --passphrase-file FILE or set CADESK_PASSPHRASE")
        }
        defer { close(tty) }
        let first = try read(tty, prompt: "Passphrase: ", what: what)
        if confirm, try read(tty, prompt: "Again: ", what: what) != first {
            throw CLIError.usage(what, "the two passphrases differ")
        }
        return first
    }

    /// One line from the terminal with echo off, restored whatever happens.
    private static func read(_ tty: Int32, prompt: String, what: String) throws -> String {
        // Echo goes off before the prompt shows: what is typed as soon as the prompt appears must
        // not reach the screen. Echo comes back without discarding input, so a line typed ahead
        // (the second passphrase) is kept.
        var saved = termios()
        guard tcgetattr(tty, &saved) == 0 else { throw CLIError.usage(what, "cannot turn terminal echo off") }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        guard tcsetattr(tty, TCSAFLUSH, &quiet) == 0 else { throw CLIError.usage(what, "cannot turn terminal echo off") }
        defer { tcsetattr(tty, TCSADRAIN, &saved); _ = write(tty, "\n", 1) }
        _ = prompt.withCString { write(tty, $0, strlen($0)) }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while Glibc.read(tty, &byte, 1) == 1, byte != 10, bytes.count < 1024 { bytes.append(byte) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
