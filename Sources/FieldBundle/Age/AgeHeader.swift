import Foundation

/// One recipient stanza: `-> TYPE ARG…` and a base64 body wrapped at 64 columns.
public struct AgeStanza: Equatable, Sendable {
    public var type: String
    public var arguments: [String]
    public var body: [UInt8]
}

/// The text header of an age v1 file (age spec, "Header"), kept with the exact bytes the MAC
/// covers so that verification never depends on re-encoding.
struct AgeHeader {
    static let versionLine = "age-encryption.org/v1"
    var stanzas: [AgeStanza]
    var mac: [UInt8]
    /// The header from its first byte up to and including `---`: what the MAC covers.
    var macInput: [UInt8]
    /// Where the payload (nonce, then chunks) starts in the file.
    var payloadOffset: Int

    /// Encodes stanzas as the header text up to and including `---` (without the space and MAC).
    static func macInput(for stanzas: [AgeStanza]) -> [UInt8] {
        var text = versionLine + "\n"
        for stanza in stanzas {
            text += "-> " + ([stanza.type] + stanza.arguments).joined(separator: " ") + "\n"
            let body = Array(AgeBase64.encode(stanza.body).utf8)
            var start = 0
            // Full 64-column lines, then a final shorter line, which may be empty.
            while body.count - start >= 64 {
                text += String(decoding: body[start..<start + 64], as: UTF8.self) + "\n"
                start += 64
            }
            text += String(decoding: body[start...], as: UTF8.self) + "\n"
        }
        return Array((text + "---").utf8)
    }
}
