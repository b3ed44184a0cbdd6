import Foundation
import TerminalTesting
import Testing

/// `device add`, `device list`, `device revoke` at headquarters and `join` on a laptop.
@Suite(.serialized)
struct DeviceCommandTests {
    static let passphrase = "correct horse battery"

    /// Headquarters with a supervisor (a.moreau) and an officer (j.okafor), and a passphrase file.
    static func headquarters() throws -> Sandbox {
        let box = try KeysCommandTests.initialized()
        #expect(try box.run(["officer", "add", "j.okafor", "--role", "officer"], today: nil).status == 0)
        #expect(try box.run(["directory", "set", "USA", "--central-authority", "DoJ OIA"], today: nil).status == 0)
        try Data((passphrase + "\n").utf8).write(to: URL(fileURLWithPath: passphraseFile(box)))
        return box
    }

    static func passphraseFile(_ box: borrowing Sandbox) -> String { box.root.appendingPathComponent("passphrase").path }

    @Test func aFieldCopyJoinsFromItsSetupFileAndMintsReferencesWithItsCode() throws {
        let box = try Self.headquarters()
        let passphraseFile = Self.passphraseFile(box)
        let setup = box.root.appendingPathComponent("fl2.setup").path
        var r = try box.run(["device", "add", "FL2", "--out", setup, "--officer", "j.okafor", "--passphrase-file", passphraseFile], today: nil)
        #expect(r.status == 0, "\(r)")
        #expect(try KeysCommandTests.mode(setup) == 0o600)
        // The setup file carries private keys: encrypted, so they do not show.
        #expect(try Data(contentsOf: URL(fileURLWithPath: setup)).range(of: Data("AGE-SECRET-KEY".utf8)) == nil)
        r = try box.run(["device", "list"], today: nil)
        #expect(r.stdout.contains("FL2   active"), "\(r)")

        let field = box.root.appendingPathComponent("fl2.sqlite").path
        r = try box.run(["join", setup, "--db", field], officer: "j.okafor", today: nil, useDefaultDB: false,
                        env: ["CADESK_PASSPHRASE": Self.passphrase])
        #expect(r.status == 0, "\(r)")
        #expect(r.output.hasPrefix("Field copy FL2 of Central Authority"))
        let onField = ["--db", field]
        r = try box.run(["officer", "list"] + onField, officer: "j.okafor", today: nil, useDefaultDB: false)
        #expect(r.stdout.contains("j.okafor  officer") && r.stdout.contains("a.moreau  supervisor"), "\(r)")
        r = try box.run(["directory", "show", "USA"] + onField, officer: "j.okafor", today: nil, useDefaultDB: false)
        #expect(r.stdout.contains("DoJ OIA"), "\(r)")
        r = try box.run(["device", "list"] + onField, officer: "j.okafor", today: nil, useDefaultDB: false)
        #expect(r.stdout.contains("HQ    active"), "\(r)")
        r = try box.run(["case", "new", "--direction", "incoming", "--kind", "mla", "--counterpart", "USA",
                         "--purpose", "stored-data", "--title", "Seized laptop"] + onField,
                        officer: "j.okafor", today: nil, useDefaultDB: false)
        #expect(r.output.hasPrefix("IN-MLA-") && r.output.hasSuffix("-FL2-0001"), "\(r)")
        // Both copies' private keys are in 0600 key files, not in either database.
        let keys = try KeysCommandTests.keyFiles(box)
        #expect(keys.count == 2)
        for file in keys { #expect(try KeysCommandTests.mode(file) == 0o600) }
        for database in [box.db, field] {
            #expect(try Data(contentsOf: URL(fileURLWithPath: database)).range(of: Data("AGE-SECRET-KEY".utf8)) == nil)
        }
    }

    @Test func aWrongPassphraseOrAnExistingDatabaseWritesNothing() throws {
        let box = try Self.headquarters()
        let passphraseFile = Self.passphraseFile(box)
        let setup = box.root.appendingPathComponent("fl2.setup").path
        #expect(try box.run(["device", "add", "FL2", "--out", setup, "--passphrase-file", passphraseFile], today: nil).status == 0)
        let field = box.root.appendingPathComponent("fl2.sqlite").path
        var r = try box.run(["join", setup, "--db", field], today: nil, useDefaultDB: false,
                            env: ["CADESK_PASSPHRASE": "not the passphrase"])
        #expect(r.status == 4, "\(r)")
        #expect(r.stderr == "cadesk: join: \(setup): wrong passphrase, or not a setup file\n")
        #expect(!FileManager.default.fileExists(atPath: field))
        r = try box.run(["join", setup], today: nil, env: ["CADESK_PASSPHRASE": Self.passphrase])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("already exists"))
    }

    @Test func deviceAddRefusesBadCodesUnknownOfficersReuseAndOfficers() throws {
        let box = try Self.headquarters()
        let passphraseFile = Self.passphraseFile(box)
        let setup = box.root.appendingPathComponent("setup").path
        let pass = ["--passphrase-file", passphraseFile]
        for code in ["fl2", "HQ", "F", "TOOLONGCODE", "FL-2"] {
            let r = try box.run(["device", "add", code, "--out", setup] + pass, today: nil)
            #expect(r.status == 2, "\(code): \(r)")
        }
        var r = try box.run(["device", "add", "FL2", "--out", setup, "--officer", "nobody"] + pass, today: nil)
        #expect(r.status == 2 && r.stderr.contains("nobody: no such officer"), "\(r)")
        r = try box.run(["device", "add", "FL2", "--out", setup] + pass, officer: "j.okafor", today: nil)
        #expect(r.status == 3, "\(r)")
        r = try box.run(["device", "add", "FL2", "--out", setup], today: nil, env: ["CADESK_PASSPHRASE": "short"])
        #expect(r.status == 2 && r.stderr.contains("at least 8"), "\(r)")
        #expect(!FileManager.default.fileExists(atPath: setup))
        #expect(try box.run(["device", "list"], today: nil).output.hasPrefix("No devices"))
        #expect(try box.run(["device", "add", "FL2", "--out", setup] + pass, today: nil).status == 0)
        r = try box.run(["device", "add", "FL2", "--out", setup + "2"] + pass, today: nil)
        #expect(r.status == 2 && r.stderr.contains("never reused"), "\(r)")
    }

    @Test func aRevokedDeviceIsListedAsRevokedAndStaysRegistered() throws {
        let box = try Self.headquarters()
        let passphraseFile = Self.passphraseFile(box)
        let setup = box.root.appendingPathComponent("setup").path
        #expect(try box.run(["device", "add", "FL7", "--out", setup, "--passphrase-file", passphraseFile], today: nil).status == 0)
        var r = try box.run(["device", "revoke", "FL7"], officer: "j.okafor", today: nil)
        #expect(r.status == 3, "\(r)")
        r = try box.run(["device", "revoke", "FL7"], today: nil)
        #expect(r.status == 0, "\(r)")
        r = try box.run(["device", "list", "--json"], today: nil)
        let devices = try #require(try r.json() as? [[String: Any]])
        #expect(devices.count == 1 && devices[0]["code"] as? String == "FL7" && devices[0]["revoked"] != nil)
        #expect(try box.run(["device", "revoke", "FL7"], today: nil).status == 2)
        #expect(try box.run(["device", "revoke", "FL9"], today: nil).status == 2)
    }
}
