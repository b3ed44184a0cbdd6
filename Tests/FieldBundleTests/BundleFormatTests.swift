import Crypto
import Foundation
import Testing
import TerminalTesting
@testable import FieldBundle

struct BundleFormatTests {
    let fixture = BundleFixture()

    @Test func aSignedBundleRoundTripsEveryEventByteForByte() throws {
        let payload = fixture.payload(from: "HQ", events: 5)
        let file = try BundleFormat.seal(payload, signingKey: fixture.hqSigning, to: [fixture.fieldIdentity.recipient])
        let opened = try BundleFormat.open(file, identity: fixture.fieldIdentity, senderKey: fixture.keys)
        #expect(opened == payload)
        #expect(opened.events.map { Array($0.canonical.utf8) } == payload.events.map { Array($0.canonical.utf8) })
    }

    @Test func theAgeToolOpensABundleWithTheReceiversIdentity() throws {
        let folder = TemporaryFolder()
        let file = try folder.write("fl2.bundle", try fixture.fieldBundle())
        let keyFile = try folder.write("hq.txt", Array(fixture.hqIdentity.fileText.utf8))
        let result = try Spawn.run("age", ["-d", "-i", keyFile, file])
        #expect(result.status == 0)
        #expect(String(decoding: result.stdout.prefix(29), as: UTF8.self) == "cadesk-bundle 1\nfrom FL2\nleng")
    }

    @Test func aBundleForAnotherCopyIsRefused() throws {
        let file = try fixture.fieldBundle()
        #expect(throws: BundleError.unreadable(.noMatchingIdentity)) {
            try BundleFormat.open(file, identity: fixture.fieldIdentity, senderKey: fixture.keys)
        }
    }

    @Test func anUnknownOrRevokedSenderIsRefused() throws {
        let file = try fixture.fieldBundle()
        #expect(throws: BundleError.unknownSender("FL2")) {
            try BundleFormat.open(file, identity: fixture.hqIdentity, senderKey: { _ in nil })
        }
    }

    @Test func aSignatureByAnotherKeyIsRefused() throws {
        let json = try BundleFixture.json(fixture.payload())
        let file = try fixture.rawBundle(BundleFixture.envelope(json: json), signedBy: Curve25519.Signing.PrivateKey())
        #expect(throws: BundleError.badSignature("FL2")) { try fixture.openAtHQ(file) }
        // The same bytes signed by headquarters but claiming to come from FL2: still refused.
        let forged = try fixture.rawBundle(BundleFixture.envelope(json: json), signedBy: fixture.hqSigning)
        #expect(throws: BundleError.badSignature("FL2")) { try fixture.openAtHQ(forged) }
    }

    @Test func aMissingSignatureIsRefused() throws {
        let json = try BundleFixture.json(fixture.payload())
        let file = try Age.encrypt(BundleFixture.envelope(json: json), to: [fixture.hqIdentity.recipient])
        #expect(throws: BundleError.malformed("wrong length")) { try fixture.openAtHQ(file) }
    }

    @Test func aFutureVersionIsRefusedWithItsNumber() throws {
        let json = try BundleFixture.json(fixture.payload())
        let file = try fixture.rawBundle(BundleFixture.envelope(version: "2", json: json))
        #expect(throws: BundleError.futureVersion(2)) { try fixture.openAtHQ(file) }
    }

    @Test func anEventWhoseBytesDoNotMatchItsDigestIsRefusedEvenWhenSigned() throws {
        var payload = fixture.payload()
        payload.events[1].canonical = payload.events[1].canonical.replacingOccurrences(of: "step 1", with: "step 9")
        let file = try fixture.rawBundle(BundleFixture.envelope(json: try BundleFixture.json(payload)))
        #expect(throws: BundleError.alteredEvent(payload.events[1].id)) { try fixture.openAtHQ(file) }
        var misnamed = fixture.payload()
        misnamed.events[0].id = UUID().uuidString
        let second = try fixture.rawBundle(BundleFixture.envelope(json: try BundleFixture.json(misnamed)))
        #expect(throws: BundleError.alteredEvent(misnamed.events[0].id)) { try fixture.openAtHQ(second) }
    }

    @Test func aTruncatedOrFlippedFileIsRefused() throws {
        let file = try fixture.fieldBundle(events: 400)
        #expect(file.count > 70_000)  // more than one age chunk
        for length in [0, 100, file.count / 2, file.count - 17, file.count - 1] {
            #expect(throws: BundleError.self) { try fixture.openAtHQ(Array(file.prefix(length))) }
        }
        for position in stride(from: 0, to: file.count, by: file.count / 50) {
            var altered = file
            altered[position] ^= 0x01
            #expect(throws: BundleError.self) { try fixture.openAtHQ(altered) }
        }
    }
}
