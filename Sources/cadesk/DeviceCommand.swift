import ArgumentParser
import Casework
import CaseStore
import FieldBundle
import Foundation
import TerminalKit

struct DeviceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device", abstract: "Field copies of this office (laptops that work cases offline).",
        subcommands: [Add.self, List.self, Revoke.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Register a field copy and write its setup file (supervisors only).",
            discussion: "The setup file carries the copy's private keys under a passphrase: send the passphrase separately. On the laptop: cadesk join SETUP --db PATH.")
        @Argument(help: "The device code, 2 to 8 capital letters and digits (e.g. FL2); never reused.") var code: String
        @Option(help: ArgumentHelp("The setup file to create (mode 0600).", valueName: "file")) var out: String
        @Option(help: ArgumentHelp("An officer whose cases it may carry (repeat; default: every officer).", valueName: "name"))
        var officer: [String] = []
        @Flag(help: "Replace the setup file if it exists.") var force = false
        @OptionGroup var passphrase: PassphraseOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            guard BundleFormat.isDeviceCode(code), code != "HQ" else {
                throw CLIError.usage("device add", "'\(code)': a device code is 2 to 8 capital letters and digits, not HQ")
            }
            let session = try Session.open(global)
            try session.require(.addDevice)
            guard try session.store.deviceCode().isEmpty else {
                throw CLIError.refused("device add", "only headquarters registers field copies; this is field copy \(try session.store.deviceCode())")
            }
            guard try session.store.device(code) == nil else {
                throw CLIError.usage("device add", "device \(code) is already registered; device codes are never reused")
            }
            let known = Set(try session.store.officers().map(\.name))
            if let unknown = officer.first(where: { !known.contains($0) }) {
                throw CLIError.usage("device add", "\(unknown): no such officer")
            }
            let secret = try passphrase.passphrase(what: "device add", confirm: true, environment: global.environment)
            let headquarters = try CopyKeyring.keys(of: session.store, environment: global.environment, creating: true)
            let fieldKeys = CopyKeys()
            let setup = FieldSetup(device: code, training: session.isTraining, keys: fieldKeys, headquarters: headquarters.publicKeys,
                                   office: try OfficeSnapshots.take(session.store, officers: officer.isEmpty ? nil : officer))
            try writeNewPrivateFile(out, try setup.seal(passphrase: secret), force: force, what: "device add", database: global.databasePath)
            try session.store.registerDevice(Device(code: code, signingKey: fieldKeys.publicKeys.signing,
                                                    recipient: fieldKeys.publicKeys.recipient,
                                                    officers: setup.office.officers.map(\.name), added: session.today))
            print("\(code) registered; its setup file is \(out) (on the laptop: cadesk join \(out) --db PATH)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The registered copies: code, status, officers, recipient.")
        @OptionGroup var output: OutputOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let session = try Session.open(global)
            let devices = try session.store.devices()
            if output.isJSON { return try JSONOutput.print(devices) }
            guard !devices.isEmpty else { return print("No devices; a supervisor registers one with cadesk device add CODE --out SETUP.") }
            print(TextTables.table(["CODE", "STATUS", "ADDED", "OFFICERS", "RECIPIENT"], devices.map {
                [$0.code, $0.revoked.map { "revoked \($0)" } ?? "active", $0.added.description,
                 $0.officers.joined(separator: ","), $0.recipient]
            }))
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke", abstract: "Revoke a field copy (supervisors only): its bundles are refused from now on; nothing is deleted.")
        @Argument(help: "The device code (see cadesk device list).") var code: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let session = try Session.open(global)
            try session.require(.revokeDevice)
            try session.store.revokeDevice(code, on: session.today)
            print("\(code) revoked as of \(session.today): its bundles are refused from now on")
        }
    }
}
