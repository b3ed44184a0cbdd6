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
        var payload = fixture.payload()
        payload.format = 3
        let file = try fixture.rawBundle(BundleFixture.envelope(version: "3", json: try BundleFixture.json(payload)))
        #expect(throws: BundleError.futureVersion(3)) { try fixture.openAtHQ(file) }
        #expect(BundleError.futureVersion(3).description == "made by a newer cadesk (format 3; this one reads up to 2)")
    }

    /// A bundle made by hand as version 1 spells it (no `purged`, no `envelope`) still opens.
    @Test func aHandMadeVersion1BundleStillOpens() throws {
        let event = BundleFixture.event(0)
        let json = Array(#"{"chainHead":{"events":7,"head":"\#(String(repeating: "cd", count: 32))"},"events":[{"canonical":\#(try jsonString(event.canonical)),"caseID":"\#(event.caseID)","digest":"\#(event.digest)","id":"\#(event.id)","ref":"IN-MLA-2026-FL2-0003"}],"format":1,"made":"2026-01-10T09:12:03.120Z","recipient":"HQ","sender":"FL2","training":false}"#.utf8)
        let opened = try fixture.openAtHQ(try fixture.rawBundle(BundleFixture.envelope(version: "1", json: json)))
        #expect(opened.format == 1 && opened.events == [event] && opened.chainHead.events == 7)
    }

    /// Blanked events need format 2; a bundle without them stays format 1 for older readers.
    @Test func onlyABundleWithBlankedEventsIsWrittenAsVersion2() throws {
        let plain = fixture.payload(from: "HQ")
        #expect(plain.format == 1)
        var events = plain.events
        events[0] = BundleEvent(id: events[0].id, caseID: events[0].caseID, ref: events[0].ref, canonical: "",
                                digest: events[0].digest, purged: true,
                                envelope: BlankedEnvelope(type: "note", actor: "j.okafor", recorded: "2026-01-10T09:12:03.120Z",
                                                          effective: "2026-01-10"))
        let blanked = BundlePayload(sender: "HQ", recipient: "FL2", training: false, made: plain.made, chainHead: plain.chainHead,
                                    events: events, office: plain.office)
        #expect(blanked.format == 2)
        for (payload, line) in [(plain, "cadesk-bundle 1\n"), (blanked, "cadesk-bundle 2\n")] {
            let file = try BundleFormat.seal(payload, signingKey: fixture.hqSigning, to: [fixture.fieldIdentity.recipient])
            let envelope = try Age.decrypt(file, with: [fixture.fieldIdentity])
            #expect(String(decoding: envelope.prefix(line.utf8.count), as: UTF8.self) == line)
            #expect(try BundleFormat.open(file, identity: fixture.fieldIdentity, senderKey: fixture.keys) == payload)
        }
        // A blanked event without its envelope, or with one that is not an event's, is refused;
        // so is an envelope under format 1, which has none.
        var bare = blanked
        bare.events[0].envelope = nil
        #expect(throws: BundleError.alteredEvent(events[0].id)) { try self.openAtField(bare) }
        var odd = blanked
        odd.events[0].envelope?.recorded = "yesterday"
        #expect(throws: BundleError.alteredEvent(events[0].id)) { try self.openAtField(odd) }
        var old = blanked
        old.format = 1
        #expect(throws: BundleError.malformed("format 1 has no blanked envelopes")) { try self.openAtField(old) }
    }

    private func openAtField(_ payload: BundlePayload) throws -> BundlePayload {
        let json = try BundleFixture.json(payload)
        var body = BundleFixture.envelope(version: String(payload.format), sender: "HQ", json: json)
        body += try fixture.hqSigning.signature(for: body)
        let file = try Age.encrypt(body, to: [fixture.fieldIdentity.recipient])
        return try BundleFormat.open(file, identity: fixture.fieldIdentity, senderKey: fixture.keys)
    }

    private func jsonString(_ text: String) throws -> String {
        String(decoding: try JSONEncoder().encode(text), as: UTF8.self)
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
