import Crypto
import Foundation

/// The signed envelope inside the age encryption (docs/bundle-format.md):
///
///     cadesk-bundle 1\n           (or 2: see `version`)
///     from CODE\n
///     length N\n
///     N bytes of payload JSON
///     64 bytes: Ed25519 signature over every byte before it
///
/// Signing before encrypting lets headquarters keep and show who sent what; the version line
/// is signed too, so it cannot be lowered in transit.
public enum BundleFormat {
    /// The newest format this cadesk reads (it reads every older one too). Format 2 adds blanked
    /// events (`purged`, `envelope`); a bundle without any is written as format 1, which older
    /// readers take. The change log is in docs/bundle-format.md.
    public static let version = 2
    static let magic = "cadesk-bundle"
    static let signatureSize = 64
    /// A device code: `HQ`, or 2–8 capital letters and digits (`FL2`).
    public static func isDeviceCode(_ code: String) -> Bool {
        (2...8).contains(code.utf8.count) && code.utf8.allSatisfy { (65...90).contains($0) || (48...57).contains($0) }
    }

    /// The file to write: the payload signed by `signingKey`, encrypted to `recipients`.
    public static func seal(_ payload: BundlePayload, signingKey: Curve25519.Signing.PrivateKey,
                            to recipients: [AgeRecipient]) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(payload)
        var envelope = Array("\(magic) \(payload.format)\nfrom \(payload.sender)\nlength \(json.count)\n".utf8)
        envelope += json
        envelope += try signingKey.signature(for: envelope)
        return try Age.encrypt(envelope, to: recipients)
    }

    /// Decrypts with `identity`, checks the signature with the key `senderKey` gives for the
    /// declared sender, then every event's digest. Throws `BundleError`; never traps.
    public static func open(_ file: [UInt8], identity: AgeIdentity,
                            senderKey: (String) -> Curve25519.Signing.PublicKey?) throws -> BundlePayload {
        let envelope: [UInt8]
        do { envelope = try Age.decrypt(file, with: [identity]) } catch let error as AgeError {
            throw BundleError.unreadable(error)
        }
        var reader = EnvelopeReader(bytes: envelope)
        let version = try reader.versionLine()
        guard version <= Self.version else { throw BundleError.futureVersion(version) }
        let sender = try reader.senderLine()
        let length = try reader.lengthLine()
        guard reader.remaining == length + signatureSize else { throw BundleError.malformed("wrong length") }
        guard let key = senderKey(sender) else { throw BundleError.unknownSender(sender) }
        let signed = envelope[..<(envelope.count - signatureSize)]
        guard key.isValidSignature(envelope.suffix(signatureSize), for: signed) else {
            throw BundleError.badSignature(sender)
        }
        let payload = try decodePayload(envelope[reader.position..<(reader.position + length)])
        guard payload.sender == sender, payload.format == version else {
            throw BundleError.malformed("the payload disagrees with its envelope")
        }
        for event in payload.events { try verify(event, format: version) }
        return payload
    }

    private static func decodePayload(_ json: ArraySlice<UInt8>) throws -> BundlePayload {
        do { return try JSONDecoder().decode(BundlePayload.self, from: Data(json)) } catch {
            throw BundleError.malformed("unreadable payload")
        }
    }

    /// An event's canonical bytes must hash to its digest and name its own id and case.
    /// A blanked event (format 2; format 1 bundles of the builds that first sent them carry no
    /// `envelope`) has no bytes to check: a well-formed digest, and an envelope that reads as
    /// an event of a known type.
    static func verify(_ event: BundleEvent, format: Int) throws {
        if format == 1, event.envelope != nil {
            throw BundleError.malformed("format 1 has no blanked envelopes")
        }
        if event.purged == true {
            guard event.canonical.isEmpty, event.digest.utf8.count == 64,
                  event.digest.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
                throw BundleError.alteredEvent(event.id)
            }
            if format >= 2 {
                guard let blanked = event.exchanged.blanked, (try? blanked.event()) != nil else {
                    throw BundleError.alteredEvent(event.id)
                }
            }
            return
        }
        guard event.purged == nil, event.envelope == nil else { throw BundleError.alteredEvent(event.id) }
        let bytes = Array(event.canonical.utf8)
        let digest = hex(SHA256.hash(data: bytes))
        guard digest == event.digest.lowercased() else { throw BundleError.alteredEvent(event.id) }
        struct Envelope: Decodable { var id: String; var caseID: String }
        guard let inner = try? JSONDecoder().decode(Envelope.self, from: Data(bytes)),
              inner.id == event.id, inner.caseID == event.caseID else { throw BundleError.alteredEvent(event.id) }
    }
}

/// Lower-case hex, as the audit chain writes digests.
func hex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for byte in bytes { out += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
    return String(decoding: out, as: UTF8.self)
}

/// Reads the envelope's text lines strictly: ASCII, `\n`-terminated, decimal without a leading zero.
struct EnvelopeReader {
    let bytes: [UInt8]
    var position = 0
    var remaining: Int { bytes.count - position }

    mutating func versionLine() throws -> Int {
        let words = try line().split(separator: " ", omittingEmptySubsequences: false)
        guard words.count == 2, words[0] == BundleFormat.magic, let version = Self.number(words[1]), version >= 1 else {
            throw BundleError.malformed("no cadesk-bundle line")
        }
        return version
    }

    mutating func senderLine() throws -> String {
        let text = try line()
        guard text.hasPrefix("from "), BundleFormat.isDeviceCode(String(text.dropFirst(5))) else {
            throw BundleError.malformed("no sender line")
        }
        return String(text.dropFirst(5))
    }

    mutating func lengthLine() throws -> Int {
        let text = try line()
        guard text.hasPrefix("length "), let length = Self.number(text.dropFirst(7)) else {
            throw BundleError.malformed("no length line")
        }
        return length
    }

    private mutating func line() throws -> String {
        let end = bytes[position...].prefix(64).firstIndex(of: UInt8(ascii: "\n"))
        guard let end, bytes[position..<end].allSatisfy({ $0 >= 0x20 && $0 < 0x7f }) else {
            throw BundleError.malformed("bad envelope line")
        }
        defer { position = end + 1 }
        return String(decoding: bytes[position..<end], as: UTF8.self)
    }

    private static func number(_ text: Substring) -> Int? {
        guard (1...9).contains(text.count), text.utf8.allSatisfy({ (48...57).contains($0) }),
              text == "0" || !text.hasPrefix("0") else { return nil }
        return Int(text)
    }
}
