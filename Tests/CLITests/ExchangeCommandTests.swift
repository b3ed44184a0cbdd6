import Foundation
import TerminalTesting
import Testing

/// Headquarters and a field copy exchange bundles with `export` and `import`, both ways.
@Suite(.serialized)
struct ExchangeCommandTests {
    /// Headquarters (a.moreau, supervisor; j.okafor, officer) with one case of j.okafor's, and
    /// field copy FL2 joined for j.okafor. Returns the field copy's database path.
    static func headquartersAndField(_ box: borrowing Sandbox) throws -> String {
        #expect(try box.run(["case", "new", "--direction", "incoming", "--kind", "mla", "--counterpart", "USA",
                             "--purpose", "stored-data", "--title", "Headquarters case", "--officer", "j.okafor"], today: nil).output
                == "IN-MLA-2026-0001")
        let setup = box.root.appendingPathComponent("fl2.setup").path
        let pass = DeviceCommandTests.passphraseFile(box)
        // scrypt's 2^18 is slow on purpose: on a loaded machine a debug build needs more than a minute.
        #expect(try box.run(["device", "add", "FL2", "--out", setup, "--officer", "j.okafor", "--passphrase-file", pass],
                            today: nil, timeout: 600).status == 0)
        let field = box.root.appendingPathComponent("fl2.sqlite").path
        #expect(try box.run(["join", setup, "--db", field, "--passphrase-file", pass], today: nil, useDefaultDB: false,
                            timeout: 600).status == 0)
        return field
    }

    /// Headquarters and FL2 as `headquartersAndField` leaves them, made once per run and copied
    /// into each test's own sandbox: `device add` and `join` each pay scrypt's work factor of
    /// 2^18 (the product's, unchanged), which every test of these suites paid twice over.
    private static let template: Result<URL, CadeskTestError> = {
        do {
            let box = try DeviceCommandTests.headquarters()
            _ = try headquartersAndField(box)
            let folder = templateFolder()
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let copied = try Spawn.run("cp", ["-a", box.root.path + "/.", folder.path])
            guard copied.status == 0 else { return .failure(CadeskTestError("cp -a: \(copied.status)")) }
            atexit { try? FileManager.default.removeItem(at: ExchangeCommandTests.templateFolder()) }
            return .success(folder)
        } catch {
            return .failure(CadeskTestError("headquarters and FL2: \(error)"))
        }
    }()

    private static func templateFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("cadesk-fixture-\(getpid())-hq-fl2")
    }

    /// A sandbox of its own with headquarters (j.okafor's case IN-MLA-2026-0001) and FL2 joined
    /// for j.okafor at `field(box)`, nothing exchanged yet.
    static func paired() throws -> Sandbox { try Sandbox(copying: template.get()) }

    static func field(_ box: borrowing Sandbox) -> String { box.root.appendingPathComponent("fl2.sqlite").path }

    static func onField(_ box: borrowing Sandbox, _ field: String, _ args: [String]) throws -> RunResult {
        try box.run(args + ["--db", field], officer: "j.okafor", today: nil, useDefaultDB: false)
    }

    static func head(_ box: borrowing Sandbox, _ db: String) throws -> String {
        try box.run(["audit", "verify", "--db", db], today: nil, useDefaultDB: false).output
    }

    @Test func headquartersAndAFieldCopyReconcileBothWaysAndImportingTwiceChangesNothing() throws {
        let box = try Self.paired()
        let field = Self.field(box)
        let toField = box.root.appendingPathComponent("to-fl2.bundle").path
        var r = try box.run(["export", "--to", "FL2", "--out", toField], today: nil)
        #expect(r.output == "\(toField): 1 events of 1 cases for FL2", "\(r)")
        r = try Self.onField(box, field, ["import", toField, "--dry-run"])
        #expect(r.stdout.hasPrefix("Would add 1 events from HQ: 1 new cases"), "\(r)")
        r = try Self.onField(box, field, ["import", toField])
        #expect(r.stdout.hasPrefix("Added 1 events from HQ: 1 new cases, 0 updated; 0 already here"), "\(r)")
        r = try Self.onField(box, field, ["import", toField])
        #expect(r.stdout.hasPrefix("Added 0 events from HQ: 0 new cases, 0 updated; 1 already here"), "\(r)")
        // An imported case is searchable (its entry is written with the other new cases').
        r = try Self.onField(box, field, ["case", "list", "--all", "--query", "headquarters"])
        #expect(r.stdout.contains("IN-MLA-2026-0001"), "\(r)")

        // On the laptop: act on headquarters' case, register a new one.
        #expect(try Self.onField(box, field, ["case", "act", "IN-MLA-2026-0001", "assess"]).status == 0)
        r = try Self.onField(box, field, ["case", "new", "--direction", "incoming", "--kind", "mla", "--counterpart", "USA",
                                          "--purpose", "stored-data", "--title", "Found in the field"])
        #expect(r.output == "IN-MLA-2026-FL2-0001", "\(r)")
        let toHQ = box.root.appendingPathComponent("to-hq.bundle").path
        #expect(try Self.onField(box, field, ["export", "--out", toHQ]).output == "\(toHQ): 3 events of 2 cases for HQ")
        r = try box.run(["import", toHQ], today: nil)
        #expect(r.stdout.hasPrefix("Added 2 events from FL2: 1 new cases, 1 updated; 1 already here"), "\(r)")
        r = try box.run(["case", "list", "--all"], today: nil)
        #expect(r.stdout.contains("IN-MLA-2026-FL2-0001") && r.stdout.contains("Found in the field"), "\(r)")
        r = try box.run(["case", "list", "--all", "--query", "found field"], today: nil)
        #expect(r.stdout.contains("IN-MLA-2026-FL2-0001") && !r.stdout.contains("IN-MLA-2026-0001 "), "\(r)")
        r = try box.run(["case", "show", "IN-MLA-2026-0001", "--json"], today: nil)
        let shown = try #require(try r.json() as? [String: Any])
        #expect(shown["state"] as? String == "assessing", "\(r)")
        // Same events in the same order on both copies: the same audit chain head, byte for byte.
        let hqHead = try Self.head(box, box.db)
        #expect(hqHead.hasPrefix("OK: 3 events"))
        #expect(hqHead == (try Self.head(box, field)))
    }

    @Test func headquartersOfficeDataReachesTheFieldCopyAndNeverComesBack() throws {
        let box = try Self.paired()
        let field = Self.field(box)
        #expect(try box.run(["policy", "set", "extension_days", "90"], today: nil).status == 0)
        #expect(try box.run(["holidays", "add", "2026-12-25"], today: nil).status == 0)
        let toField = box.root.appendingPathComponent("to-fl2.bundle").path
        #expect(try box.run(["export", "--to", "FL2", "--out", toField], today: nil).status == 0)
        var r = try Self.onField(box, field, ["import", toField])
        #expect(r.stdout.contains("Took headquarters' policy, holidays, directory and officers"), "\(r)")
        r = try Self.onField(box, field, ["policy", "show", "--json"])
        let policy = try #require(try r.json() as? [String: String])
        #expect(policy["extension_days"] == "90", "\(r)")
        // The field copy's own policy change does not travel back.
        #expect(try box.run(["policy", "set", "extension_days", "30", "--db", field], officer: "a.moreau", today: nil, useDefaultDB: false).status == 0)
        let toHQ = box.root.appendingPathComponent("to-hq.bundle").path
        #expect(try Self.onField(box, field, ["export", "--out", toHQ]).status == 0)
        r = try box.run(["import", toHQ], today: nil)
        #expect(r.status == 0 && !r.stdout.contains("Took"), "\(r)")
        let back = try #require(try box.run(["policy", "show", "--json"], today: nil).json() as? [String: String])
        #expect(back["extension_days"] == "90")
    }

    @Test func anOlderBundleFromTheSameCopyIsRefusedAndImportedEventsNameTheirDevice() throws {
        let box = try Self.paired()
        let field = Self.field(box)
        let first = box.root.appendingPathComponent("first.bundle").path
        let second = box.root.appendingPathComponent("second.bundle").path
        #expect(try box.run(["export", "--to", "FL2", "--out", first], today: nil).status == 0)
        #expect(try box.run(["case", "act", "IN-MLA-2026-0001", "assess"], today: nil).status == 0)
        #expect(try box.run(["export", "--to", "FL2", "--out", second], today: nil).status == 0)
        #expect(try Self.onField(box, field, ["import", second]).status == 0)
        let before = try Self.head(box, field)
        let r = try Self.onField(box, field, ["import", first])
        #expect(r.status == 4 && r.stderr.contains("older than the last one imported from HQ"), "\(r)")
        #expect(try Self.head(box, field) == before)
        #expect(try Self.onField(box, field, ["import", second]).status == 0)  // the same one again: fine
        let origins = try Spawn.run("sqlite3", [field, "SELECT device, count(*) FROM event_origins GROUP BY device"])
        #expect(String(decoding: origins.stdout, as: UTF8.self) == "HQ|2\n")
    }

    @Test func refusedBundlesWriteNothing() throws {
        let box = try Self.paired()
        let field = Self.field(box)
        let toField = box.root.appendingPathComponent("to-fl2.bundle").path
        #expect(try box.run(["export", "--to", "FL2", "--out", toField], today: nil).status == 0)
        #expect(try Self.onField(box, field, ["import", toField]).status == 0)
        #expect(try Self.onField(box, field, ["case", "act", "IN-MLA-2026-0001", "assess"]).status == 0)
        let bundle = box.root.appendingPathComponent("to-hq.bundle").path
        #expect(try Self.onField(box, field, ["export", "--out", bundle]).status == 0)
        let original = try Data(contentsOf: URL(fileURLWithPath: bundle))
        let before = try Self.head(box, box.db)

        func refused(_ bytes: Data, _ expected: String) throws {
            let path = box.root.appendingPathComponent("bad-\(UUID().uuidString.prefix(6)).bundle").path
            try bytes.write(to: URL(fileURLWithPath: path))
            let r = try box.run(["import", path], today: nil)
            #expect(r.status == 4, "\(r)")
            #expect(r.stderr.hasPrefix("cadesk: import: \(path): ") && r.stderr.contains(expected), "\(r)")
            #expect(r.stderr.split(separator: "\n").count == 1)
            #expect(try Self.head(box, box.db) == before)
        }
        var flipped = original
        flipped[original.count - 40] ^= 0x20
        try refused(flipped, "altered or cut short")
        try refused(original.prefix(original.count - 100), "altered or cut short")
        try refused(Data(), "not an age file")
        // A bundle made for another copy: the field copy cannot open what it sent headquarters.
        let r = try Self.onField(box, field, ["import", bundle])
        #expect(r.status == 4 && r.stderr.contains("not encrypted to this copy's key"), "\(r)")

        #expect(try box.run(["device", "revoke", "FL2"], today: nil).status == 0)
        let revoked = try box.run(["import", bundle], today: nil)
        #expect(revoked.status == 4 && revoked.stderr.contains("sent by FL2, which was revoked on"), "\(revoked)")
    }

    @Test func theAgeToolOpensABundleWithTheIdentityFromKeysExportIdentity() throws {
        let box = try Self.paired()
        let field = Self.field(box)
        let bundle = box.root.appendingPathComponent("to-hq.bundle").path
        #expect(try Self.onField(box, field, ["export", "--out", bundle]).status == 0)
        let identity = box.root.appendingPathComponent("hq-identity.txt").path
        #expect(try box.run(["keys", "export-identity", "--out", identity], today: nil).status == 0)
        let opened = try Spawn.run("age", ["-d", "-i", identity, bundle])
        #expect(opened.status == 0)
        #expect(String(decoding: opened.stdout.prefix(25), as: UTF8.self) == "cadesk-bundle 1\nfrom FL2\n")
    }

    @Test func exportSaysWhereABundleMayGo() throws {
        let box = try Self.paired()
        let field = Self.field(box)
        let out = box.root.appendingPathComponent("b.bundle").path
        var r = try box.run(["export", "--out", out], today: nil)
        #expect(r.status == 2 && r.stderr.contains("give --to CODE"), "\(r)")
        r = try box.run(["export", "--to", "FL9", "--out", out], today: nil)
        #expect(r.status == 2 && r.stderr.contains("FL9: no such device"), "\(r)")
        r = try Self.onField(box, field, ["export", "--to", "FL3", "--out", out])
        #expect(r.status == 2 && r.stderr.contains("headquarters only"), "\(r)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
