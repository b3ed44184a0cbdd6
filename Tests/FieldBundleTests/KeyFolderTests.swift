import Foundation
import Testing
@testable import FieldBundle

struct KeyFolderTests {
    @Test func keysSurviveTheirFileAndOnlyTheirOwn() throws {
        let temp = TemporaryFolder()
        let folder = KeyFolder(environment: ["XDG_CONFIG_HOME": temp.path])
        #expect(folder.path == temp.file("cadesk/copy-keys"))
        let keys = CopyKeys()
        let path = try folder.save(keys)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        let loaded = try folder.load(keys.publicKeys)
        #expect(loaded.publicKeys == keys.publicKeys)
        #expect(loaded.identity.text == keys.identity.text)
        #expect(throws: KeyFileError.self) { _ = try folder.save(keys) }  // never replaced
        #expect(throws: KeyFileError.self) { _ = try folder.load(CopyKeys().publicKeys) }
    }

    /// Earlier versions kept the key folder at `cadesk/keys`, the desk's key-binding file.
    @Test func anOldKeyFolderMovesOnceKeepingItsModes() throws {
        let temp = TemporaryFolder()
        let old = KeyFolder(path: temp.file("cadesk/keys"))
        let keys = CopyKeys()
        let oldFile = try old.save(keys)
        let folder = KeyFolder(environment: ["XDG_CONFIG_HOME": temp.path, "HOME": "/nonexistent"])
        let notice = try #require(try folder.migrate())
        #expect(notice.contains(temp.file("cadesk/keys")) && notice.contains(folder.path) && !notice.contains("\n"))
        #expect(!FileManager.default.fileExists(atPath: oldFile))
        #expect(try mode(folder.path) == 0o700)
        #expect(try mode(folder.file(for: keys.publicKeys)) == 0o600)
        #expect(try folder.load(keys.publicKeys).publicKeys == keys.publicKeys)
        #expect(try folder.migrate() == nil)  // once
        // The old name is free for the desk's key-binding file, which is never taken for keys.
        try Data("open = o\n".utf8).write(to: URL(fileURLWithPath: temp.file("cadesk/keys")))
        #expect(try folder.migrate() == nil)
        #expect(try String(contentsOfFile: temp.file("cadesk/keys"), encoding: .utf8) == "open = o\n")
    }

    @Test func anOldKeyFolderNeverReplacesANewOne() throws {
        let temp = TemporaryFolder()
        let folder = KeyFolder(environment: ["XDG_CONFIG_HOME": temp.path])
        let kept = CopyKeys(), stale = CopyKeys()
        _ = try folder.save(kept)
        let staleFile = try KeyFolder(path: temp.file("cadesk/keys")).save(stale)
        #expect(try folder.migrate() == nil)
        #expect(FileManager.default.fileExists(atPath: staleFile))
        #expect(try folder.load(kept.publicKeys).publicKeys == kept.publicKeys)
        #expect(throws: KeyFileError.self) { _ = try folder.load(stale.publicKeys) }
    }

    private func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    @Test func aSignatureMadeWithLoadedKeysVerifiesWithThePublicHalf() throws {
        let keys = try CopyKeys.parse(CopyKeys().fileText)
        let signature = try keys.signingKey.signature(for: Array("bundle".utf8))
        #expect(keys.publicKeys.signingKey?.isValidSignature(signature, for: Array("bundle".utf8)) == true)
    }
}
