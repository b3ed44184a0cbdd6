import Casework
import Crypto
import Foundation
@testable import FieldBundle

/// Headquarters and one field copy, each with signing and decryption keys, and a small payload.
struct BundleFixture {
    let hqSigning = Curve25519.Signing.PrivateKey()
    let fieldSigning = Curve25519.Signing.PrivateKey()
    let hqIdentity = AgeIdentity()
    let fieldIdentity = AgeIdentity()

    func keys(_ code: String) -> Curve25519.Signing.PublicKey? {
        switch code {
        case "HQ": hqSigning.publicKey
        case "FL2": fieldSigning.publicKey
        default: nil
        }
    }

    static func event(_ index: Int, caseID: UUID = UUID(uuidString: "8E3C1C3A-3C0B-4D8E-9A57-5C2B6B1A0001")!) -> BundleEvent {
        let id = UUID().uuidString
        let canonical = #"{"actor":"j.okafor","caseID":"\#(caseID.uuidString)","effective":"2026-01-10","id":"\#(id)","payload":{"note":"step \#(index) «é»"},"recorded":"2026-01-10T09:12:03.120Z","type":"note"}"#
        let digest = SHA256.hash(data: Array(canonical.utf8)).map { String(format: "%02x", $0) }.joined()
        return BundleEvent(id: id, caseID: caseID.uuidString, ref: "IN-MLA-2026-FL2-0003", canonical: canonical, digest: digest)
    }

    func payload(from sender: String = "FL2", events: Int = 3) -> BundlePayload {
        BundlePayload(sender: sender, recipient: sender == "HQ" ? "FL2" : "HQ", training: false,
                      made: "2026-01-10T09:12:03.120Z", chainHead: ChainHead(events: 42, head: String(repeating: "ab", count: 32)),
                      events: (0..<events).map { Self.event($0) },
                      office: sender == "HQ" ? OfficeSnapshot(policy: Policy(), holidays: [CivilDate("2026-12-25")!],
                                                              directory: [], officers: [OfficerRecord(name: "a.moreau", role: "supervisor")]) : nil)
    }

    /// A field copy's bundle for headquarters.
    func fieldBundle(events: Int = 3) throws -> [UInt8] {
        try BundleFormat.seal(payload(events: events), signingKey: fieldSigning, to: [hqIdentity.recipient])
    }

    func openAtHQ(_ file: [UInt8]) throws -> BundlePayload {
        try BundleFormat.open(file, identity: hqIdentity, senderKey: keys)
    }

    /// An envelope built by hand (any bytes), signed with `key` and encrypted to headquarters.
    func rawBundle(_ body: [UInt8], signedBy key: Curve25519.Signing.PrivateKey? = nil) throws -> [UInt8] {
        var envelope = body
        envelope += try (key ?? fieldSigning).signature(for: body)
        return try Age.encrypt(envelope, to: [hqIdentity.recipient])
    }

    static func envelope(version: String = "1", sender: String = "FL2", json: [UInt8]) -> [UInt8] {
        Array("cadesk-bundle \(version)\nfrom \(sender)\nlength \(json.count)\n".utf8) + json
    }

    static func json(_ payload: BundlePayload) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(payload))
    }
}
