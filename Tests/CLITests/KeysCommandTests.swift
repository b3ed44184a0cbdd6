import Foundation
import TerminalTesting
import Testing

/// `cadesk keys export-identity`: the copy's private keys live in a 0600 file under the user's
/// configuration folder, never in the database, and the exported identity works with `age -d -i`.
@Suite(.serialized)
struct KeysCommandTests {
    static func initialized() throws -> Sandbox {
        let box = try Sandbox()
        let r = try box.run(["init", "--office", "Central Authority", "--state", "FRA", "--timezone", "Europe/Paris"], today: nil)
        #expect(r.status == 0, "\(r)")
        return box
    }

    static func keyFiles(_ box: borrowing Sandbox) throws -> [String] {
        let folder = box.root.appendingPathComponent(".config/cadesk/copy-keys").path
        return try FileManager.default.contentsOfDirectory(atPath: folder).map { (folder as NSString).appendingPathComponent($0) }
    }

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    @Test func theExportedIdentityOpensWhatAgeEncryptsToThisCopy() throws {
        let box = try Self.initialized()
        let out = box.root.appendingPathComponent("identity.txt").path
        let r = try box.run(["keys", "export-identity", "--out", out], today: nil)
        #expect(r.status == 0, "\(r)")
        let recipient = try #require(r.output.split(separator: " ").last.map(String.init))
        #expect(recipient.hasPrefix("age1"))
        #expect(try Self.mode(out) == 0o600)
        let sealed = try Spawn.run("age", ["-r", recipient], stdin: Data("for headquarters".utf8))
        let opened = try Spawn.run("age", ["-d", "-i", out], stdin: sealed.stdout)
        #expect(String(decoding: opened.stdout, as: UTF8.self) == "for headquarters")
        // The private keys are in one 0600 key file, and nowhere in the database.
        let keyFiles = try Self.keyFiles(box)
        #expect(keyFiles.count == 1)
        #expect(try Self.mode(keyFiles[0]) == 0o600)
        let database = try Data(contentsOf: URL(fileURLWithPath: box.db))
        #expect(database.range(of: Data("AGE-SECRET-KEY".utf8)) == nil)
        #expect(database.range(of: Data(recipient.utf8)) != nil)
    }

    @Test func theKeysStayTheSameAndAnExistingFileIsNotReplaced() throws {
        let box = try Self.initialized()
        let first = box.root.appendingPathComponent("first.txt").path
        let second = box.root.appendingPathComponent("second.txt").path
        #expect(try box.run(["keys", "export-identity", "--out", first], today: nil).status == 0)
        #expect(try box.run(["keys", "export-identity", "--out", second], today: nil).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: first)) == Data(contentsOf: URL(fileURLWithPath: second)))
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: first))
        let r = try box.run(["keys", "export-identity", "--out", first], today: nil)
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.hasPrefix("cadesk: keys export-identity: ") && r.stderr.contains("--force"))
        #expect(try String(contentsOfFile: first, encoding: .utf8) == "keep me")
        #expect(try box.run(["keys", "export-identity", "--out", first, "--force"], today: nil).status == 0)
        #expect(try String(contentsOfFile: first, encoding: .utf8).contains("AGE-SECRET-KEY-1"))
    }

    @Test func aSymlinkIsNotWrittenThrough() throws {
        let box = try Self.initialized()
        let target = box.root.appendingPathComponent("target.txt").path
        let link = box.root.appendingPathComponent("link.txt").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let r = try box.run(["keys", "export-identity", "--out", link, "--force"], today: nil)
        #expect(r.status == 2, "\(r)")
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func aKeyFileOthersCanReadOrAMissingOneIsRefused() throws {
        let box = try Self.initialized()
        let out = box.root.appendingPathComponent("identity.txt").path
        #expect(try box.run(["keys", "export-identity", "--out", out], today: nil).status == 0)
        let keyFile = try #require(try Self.keyFiles(box).first)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyFile)
        var r = try box.run(["keys", "export-identity", "--out", out + "2"], today: nil)
        #expect(r.status == 4, "\(r)")
        #expect(r.stderr.contains("readable by others"))
        #expect(!FileManager.default.fileExists(atPath: out + "2"))
        try FileManager.default.removeItem(atPath: keyFile)
        r = try box.run(["keys", "export-identity", "--out", out + "2"], today: nil)
        #expect(r.status == 4, "\(r)")
        #expect(r.stderr.contains("missing"))
    }

    /// An installation whose key folder is at the old name (`cadesk/keys`, the desk's key-binding
    /// file) keeps working: the first key command moves it, says so once, and uses it.
    @Test func aKeyFolderAtTheOldNameMovesOnFirstUse() throws {
        let box = try Self.initialized()
        let first = box.root.appendingPathComponent("first.txt").path
        #expect(try box.run(["keys", "export-identity", "--out", first], today: nil).status == 0)
        let config = box.root.appendingPathComponent(".config/cadesk").path
        try FileManager.default.moveItem(atPath: config + "/copy-keys", toPath: config + "/keys")
        let second = box.root.appendingPathComponent("second.txt").path
        var r = try box.run(["keys", "export-identity", "--out", second], today: nil)
        #expect(r.status == 0, "\(r)")
        #expect(r.stderr == "cadesk: moved the copy keys from \(config)/keys to \(config)/copy-keys; \(config)/keys is now free for the desk's key bindings\n")
        // The same keys, not new ones.
        #expect(try Data(contentsOf: URL(fileURLWithPath: first)) == Data(contentsOf: URL(fileURLWithPath: second)))
        #expect(!FileManager.default.fileExists(atPath: config + "/keys"))
        #expect(try Self.mode(config + "/copy-keys") == 0o700)
        #expect(try Self.keyFiles(box).map(Self.mode) == [0o600])
        r = try box.run(["keys", "export-identity", "--out", second, "--force"], today: nil)
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r)")
        // A desk key-binding file at the old name is the desk's, and stays.
        try Data("open = o\n".utf8).write(to: URL(fileURLWithPath: config + "/keys"))
        r = try box.run(["keys", "export-identity", "--out", second, "--force"], today: nil)
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r)")
        #expect(try String(contentsOfFile: config + "/keys", encoding: .utf8) == "open = o\n")
    }

    @Test func onlyASupervisorExportsTheIdentity() throws {
        let box = try Self.initialized()
        #expect(try box.run(["officer", "add", "j.okafor", "--role", "officer"], today: nil).status == 0)
        let out = box.root.appendingPathComponent("identity.txt").path
        let r = try box.run(["keys", "export-identity", "--out", out], officer: "j.okafor", today: nil)
        #expect(r.status == 3, "\(r)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
