import Foundation
import Testing
@testable import FieldBundle

struct KeyFolderTests {
    @Test func keysSurviveTheirFileAndOnlyTheirOwn() throws {
        let temp = TemporaryFolder()
        let folder = KeyFolder(environment: ["XDG_CONFIG_HOME": temp.path])
        #expect(folder.path == temp.file("cadesk/keys"))
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

    @Test func aSignatureMadeWithLoadedKeysVerifiesWithThePublicHalf() throws {
        let keys = try CopyKeys.parse(CopyKeys().fileText)
        let signature = try keys.signingKey.signature(for: Array("bundle".utf8))
        #expect(keys.publicKeys.signingKey?.isValidSignature(signature, for: Array("bundle".utf8)) == true)
    }
}
