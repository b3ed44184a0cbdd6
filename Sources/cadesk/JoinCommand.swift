import ArgumentParser
import Casework
import CaseStore
import FieldBundle
import Foundation

struct JoinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "join",
        abstract: "On a laptop: create the field copy described by a setup file (from cadesk device add) at --db.",
        discussion: "The database must not exist yet. The copy's private keys go to $XDG_CONFIG_HOME/cadesk/copy-keys (mode 0600); the references it mints carry its device code (IN-MLA-2026-FL2-0001).")
    @Argument(help: "The setup file made by cadesk device add.") var setup: String
    @OptionGroup var passphrase: PassphraseOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let path = global.databasePath
        guard !FileManager.default.fileExists(atPath: path) else {
            throw CLIError.usage("join", "\(path) already exists; join creates a new field copy (give another --db)")
        }
        guard let bytes = FileManager.default.contents(atPath: setup) else {
            throw CLIError.usage("join", "cannot read the setup file \(setup)")
        }
        let secret = try passphrase.passphrase(what: "join", confirm: false, environment: global.environment)
        let file: FieldSetup
        do { file = try FieldSetup.open(Array(bytes), passphrase: secret) } catch let error as BundleError {
            throw CLIError.storage("join", "\(setup): \(error)")
        }
        do {
            try create(file, at: path)
        } catch {
            // All or nothing: a half-made copy is removed, so join can simply be run again.
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            throw error
        }
        print("Field copy \(file.device) of \(file.office.policy.officeName) at \(path); the references it mints carry \(file.device)")
    }

    private func create(_ setup: FieldSetup, at path: String) throws {
        let store = try CaseStore.create(path: path)
        if setup.training { try store.becomeTraining() }
        try OfficeSnapshots.apply(setup.office, to: store)
        try store.setDeviceCode(setup.device)
        let keys = try setup.fieldKeys()
        let folder = try userKeyFolder(global.environment)
        // Joining again on the same account finds its key file already there: that is fine.
        if (try? folder.load(keys.publicKeys)) == nil {
            do { _ = try folder.save(keys) } catch let error as KeyFileError { throw CLIError.storage("join", error.description) }
        }
        try store.setCopyPublicKeys(signing: keys.publicKeys.signing, recipient: keys.publicKeys.recipient)
        try store.registerDevice(Device(code: "HQ", signingKey: setup.headquarters.signing,
                                        recipient: setup.headquarters.recipient, officers: [],
                                        added: CivilDate.of(Date(), in: TimeZone(identifier: setup.office.policy.timeZone) ?? .current)))
    }
}
