import ArgumentParser
import CaseStore
import FieldBundle
import Foundation
import TerminalKit

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "This copy's keys for field bundles (kept in a private key file, never in the database).",
        subcommands: [ExportIdentity.self])

    struct ExportIdentity: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-identity",
            abstract: "Write this copy's decryption identity in age's format (opens its bundles with age -d -i FILE).",
            discussion: "Supervisors only. The first use makes this copy's keys and keeps them in $XDG_CONFIG_HOME/cadesk/copy-keys (mode 0600).")
        @Option(help: ArgumentHelp("The identity file to create (mode 0600).", valueName: "file")) var out: String
        @Flag(help: "Replace the file if it exists.") var force = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let session = try Session.open(global)
            try session.require(.exportIdentity)
            let keys = try CopyKeyring.keys(of: session.store, environment: global.environment, creating: true)
            try writeNewPrivateFile(out, Array(keys.identity.fileText.utf8), force: force, what: "keys export-identity", database: global.databasePath)
            print("\(out): the identity of recipient \(keys.identity.recipient.text)")
        }
    }
}

/// Finds a copy's private keys in the user's key folder from the public halves the database
/// holds, making them on first use (key file first, so a failure never leaves a database that
/// names keys nobody has).
enum CopyKeyring {
    static func keys(of store: CaseStore, environment: [String: String], creating: Bool) throws -> CopyKeys {
        let folder = try userKeyFolder(environment)
        if let stored = try store.copyPublicKeys() {
            do {
                return try folder.load(PublicCopyKeys(signing: stored.signing, recipient: stored.recipient))
            } catch let error as KeyFileError {
                throw CLIError.storage("keys", error.description)
            }
        }
        guard creating else { throw CLIError.storage("keys", "this copy has no keys yet; a supervisor makes them with cadesk keys export-identity") }
        let keys = CopyKeys()
        do { _ = try folder.save(keys) } catch let error as KeyFileError { throw CLIError.storage("keys", error.description) }
        try store.setCopyPublicKeys(signing: keys.publicKeys.signing, recipient: keys.publicKeys.recipient)
        return keys
    }
}

/// The user's key folder, after moving one an earlier version kept at `cadesk/keys` (the desk's
/// key-binding file's name), with a one-line notice on standard error when it did.
func userKeyFolder(_ environment: [String: String]) throws -> KeyFolder {
    let folder = KeyFolder(environment: environment)
    do {
        if let notice = try folder.migrate() {
            FileHandle.standardError.write(Data((Sanitize.terminalSafe("cadesk: \(notice)") + "\n").utf8))
        }
    } catch let error as KeyFileError {
        throw CLIError.storage("keys", error.description)
    }
    return folder
}
