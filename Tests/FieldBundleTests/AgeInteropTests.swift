import Foundation
import Testing
import TerminalTesting
@testable import FieldBundle

/// Against the reference tool: Debian's `age` (installed by Scripts/lib/common.sh). Sizes cover
/// an empty file, one partial chunk, an exact 64 KiB chunk (last-chunk flag on a full chunk)
/// and several chunks.
struct AgeInteropTests {
    static let sizes = [0, 1, 1000, 65536, 65537, 200_000]

    @Test(arguments: sizes)
    func whatWeEncryptOpensWithAge(size: Int) throws {
        let folder = TemporaryFolder()
        let identity = AgeIdentity()
        let keyFile = try folder.write("identity.txt", Array(identity.fileText.utf8))
        let plaintext = sampleBytes(size, seed: UInt64(size))
        let file = try folder.write("bundle.age", try Age.encrypt(plaintext, to: [identity.recipient]))
        let result = try Spawn.run("age", ["-d", "-i", keyFile, file])
        #expect(result.status == 0, "\(String(decoding: result.stderr, as: UTF8.self))")
        #expect(Array(result.stdout) == plaintext)
    }

    @Test(arguments: sizes)
    func whatAgeEncryptsOpensHere(size: Int) throws {
        let identity = AgeIdentity()
        let plaintext = sampleBytes(size, seed: UInt64(size) + 7)
        let result = try Spawn.run("age", ["-r", identity.recipient.text], stdin: Data(plaintext))
        #expect(result.status == 0, "\(String(decoding: result.stderr, as: UTF8.self))")
        #expect(try Age.decrypt(Array(result.stdout), with: [identity]) == plaintext)
    }

    @Test func aKeyFromAgeKeygenOpensWhatAgeEncrypts() throws {
        let folder = TemporaryFolder()
        let keyFile = folder.file("key.txt")
        let made = try Spawn.run("age-keygen", ["-o", keyFile])
        #expect(made.status == 0)
        let identity = try AgeIdentity.parseFile(String(decoding: try Data(contentsOf: URL(fileURLWithPath: keyFile)), as: UTF8.self))
        let recipient = try Spawn.run("age-keygen", ["-y", keyFile])
        #expect(String(decoding: recipient.stdout, as: UTF8.self).trimmingCharacters(in: .newlines) == identity.recipient.text)
        let encrypted = try Spawn.run("age", ["-r", identity.recipient.text], stdin: Data("case file".utf8))
        #expect(try Age.decrypt(Array(encrypted.stdout), with: [identity]) == Array("case file".utf8))
    }

    @Test func manyRecipientsEachOpen() throws {
        let folder = TemporaryFolder()
        let hq = AgeIdentity(), field = AgeIdentity()
        let file = try folder.write("b.age", try Age.encrypt(Array("both".utf8), to: [hq.recipient, field.recipient]))
        for identity in [hq, field] {
            let keyFile = try folder.write("id.txt", Array(identity.fileText.utf8))
            #expect(try Spawn.run("age", ["-d", "-i", keyFile, file]).stdout == Data("both".utf8))
        }
    }

    /// A file `age` made, altered anywhere, cut anywhere, or opened with another key: refused.
    @Test func alteredTruncatedOrForeignFilesAreRefused() throws {
        let identity = AgeIdentity()
        let plaintext = sampleBytes(70_000)
        let original = Array(try Spawn.run("age", ["-r", identity.recipient.text], stdin: Data(plaintext)).stdout)
        #expect(try Age.decrypt(original, with: [identity]) == plaintext)
        #expect(throws: AgeError.noMatchingIdentity) { try Age.decrypt(original, with: [AgeIdentity()]) }
        let headerEnd = original.firstRange(of: Array("\n--- ".utf8))!.upperBound
        // Every byte of the header and a spread of payload bytes, one bit flipped each time.
        let positions = Array(0..<headerEnd + 60) + stride(from: headerEnd + 60, to: original.count, by: 997)
        for position in positions {
            var altered = original
            altered[position] ^= 0x04
            #expect(throws: AgeError.self, "byte \(position)") { try Age.decrypt(altered, with: [identity]) }
        }
        for length in [0, 10, headerEnd, headerEnd + 40, 65_600, original.count - 1] {
            #expect(throws: AgeError.self, "cut at \(length)") { try Age.decrypt(Array(original.prefix(length)), with: [identity]) }
        }
        #expect(throws: AgeError.self) { try Age.decrypt(original + [0], with: [identity]) }
    }
}
