import CDeflate
import Foundation
import GRDB

/// How `events.payload` is kept on disk (migration v14): the canonical JSON text, or, when
/// shorter, that text compressed.
///
/// A compressed payload is a BLOB: the byte `0x01` (this format), the length of the JSON text
/// in bytes as an unsigned LEB128 number, then a raw DEFLATE stream (RFC 1951) of the text made
/// with `dictionary1` as its preset dictionary. Any zlib reads it: in Python,
/// `zlib.decompressobj(-15, zdict=dictionary1).decompress(blob[1 + n:])`. A payload that would
/// not get shorter stays TEXT, as every payload written before v14 does.
///
/// What the digest covers does not change: the canonical bytes hold the JSON text, so a payload
/// is hashed as it reads back, and a damaged blob reads back as text that no digest matches.
public enum StoredPayload {
    /// The first byte of a compressed payload.
    static let deflateWithDictionary1: UInt8 = 0x01

    /// The vocabulary of payloads: the JSON keys and the short values the domain writes
    /// (states, kinds, channels, grounds, articles), most frequent last. Frozen: a stored payload
    /// needs exactly these bytes to be read again, so a new vocabulary is a new format byte with
    /// a new dictionary beside this one (`StoredPayloadTests` pins its digest).
    public static let dictionary1: [UInt8] = Array(([
        "\"40.8-dual-criminality\"", "\"40.8-de-minimis\"", "\"40.21d\"", "\"40.22\"",
        "\"40.21a\"", "\"treaty\"", "\"service\"", "\"appearance\"", "\"examination\"",
        "\"40.21b\"", "\"partial-refuse\"", "\"40.21c\"", "\"lapsed\"", "\"realtime-traffic\"",
        "\"postpone\"", "\"awaiting-decision\"", "\"recovery\"", "\"interpol\"",
        "\"awaiting-our-decision\"", "\"information\"", "\"emergency\"", "\"refuse\"",
        "\"other\"", "\"postponed\"", "\"search-seizure\"", "\"diplomatic\"",
        "\"none-available\"", "\"unspecified\"", "\"refused\"", "\"information-requested\"",
        "\"documents\"", "\"mla-sent\"", "\"serious-crime\"", "\"consultation\"", "\"released\"",
        "\"tracing\"", "\"awaiting-information\"", "\"urgent\"", "\"pending-mla\"",
        "\"evidence\"", "\"withdrawn\"", "\"24-7-network\"", "\"preservation\"",
        "\"acknowledged\"", "\"outgoing\"", "\"stored-data\"", "\"central-authority\"",
        "\"incoming\"", "\"normal\"", "\"closed\"", "\"convention-offence\"", "\"preserved\"",
        "\"executed\"", "\"assessing\"", "\"mla\"", "\"convention\"", "\"executing\"",
        "\"sent\"", "\"draft\"", "\"received\"", "\"provider\":", "\"voidedEvent\":",
        "\"treatyArticle\":", "\"to\":", "\"collection-period\":", "\"data-relationship\":",
        "\"facts-nature\":", "\"justification\":", "\"owner-location\":", "\"agreed\":",
        "\"grounds\":", "\"requestedDeadline\":", "\"requestedDeadlineReason\":", "\"edits\":",
        "\"attachment\":", "\"proposal\":", "\"until\":", "\"id\":", "\"link\":",
        "\"custodian\":", "\"confidentiality\":", "\"conditions\":", "\"authority\":",
        "\"days\":", "\"period\":", "\"custodian-location\":", "\"data-to-preserve\":",
        "\"mla-intention\":", "\"necessity\":", "\"offence-facts\":", "\"persons-items\":",
        "\"reason\":", "\"proceeding\":", "\"assistance-sought\":", "\"purpose\":", "\"basis\":",
        "\"confidential\":", "\"counterpart\":", "\"dataVulnerable\":", "\"noUserNotice\":",
        "\"offence\":", "\"offenceClass\":", "\"purposes\":", "\"received\":",
        "\"registration\":", "\"title\":", "\"urgency\":", "\"requesting-authority\":",
        "\"officer\":", "\"oral\":", "\"items\":", "\"channel\":", "\"direction\":", "\"kind\":",
        "\"ref\":", "\"facts\":", "\"note\":", "\"fromState\":", "\"toState\":",
    ] as [String]).joined(separator: ",").utf8)

    /// The column's value for a payload: NULL once purged; a compressed BLOB when that is
    /// shorter than the text; else the text.
    static func stored(_ payload: String?) -> DatabaseValue {
        guard let payload else { return .null }
        let text = Array(payload.utf8)
        if let blob = compressed(text), blob.count < text.count { return Data(blob).databaseValue }
        return payload.databaseValue
    }

    /// The JSON text back from the column: nil for NULL (a purged payload). A BLOB that is not
    /// a readable compressed payload reads as `unreadable`, which is no JSON, so that its event
    /// fails its digest in `audit verify` and cannot be read as an event.
    static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: return nil
        case .string(let text): return text
        case .blob(let blob): return decompressed(blob).map { String(decoding: $0, as: UTF8.self) } ?? unreadable
        case .int64, .double: return unreadable
        }
    }

    /// What a damaged compressed payload reads as.
    static let unreadable = "\u{FFFD} unreadable compressed payload"

    static func compressed(_ text: [UInt8]) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: 1 + 10 + cdeflate_bound(text.count))
        out[0] = deflateWithDictionary1
        var at = 1
        var n = UInt64(text.count)
        repeat {
            out[at] = UInt8(n & 0x7F) | (n >= 0x80 ? 0x80 : 0)
            n >>= 7; at += 1
        } while n > 0
        let header = at
        let written = text.withUnsafeBufferPointer { input in
            dictionary1.withUnsafeBufferPointer { dict in
                out.withUnsafeMutableBufferPointer { buffer in
                    cdeflate_compress(input.baseAddress, input.count, dict.baseAddress, dict.count,
                                      buffer.baseAddress! + header, buffer.count - header)
                }
            }
        }
        guard written >= 0 else { return nil }
        out.removeSubrange((header + written)...)
        return out
    }

    /// The text of a compressed payload, or nil when the blob is not one: another format byte,
    /// a bad length, a damaged stream, or a text of another length than the one declared.
    static func decompressed(_ blob: Data) -> [UInt8]? {
        blob.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [UInt8]? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard bytes.count > 2, bytes[0] == deflateWithDictionary1 else { return nil }
            var length: UInt64 = 0, shift: UInt64 = 0, at = 1
            while true {
                guard at < bytes.count, shift < 35 else { return nil }
                let byte = bytes[at]; at += 1
                length |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { break }
                shift += 7
            }
            // Deflate cannot expand by more than about 1032:1; a length past that is a lie.
            guard length > 0, length <= UInt64(bytes.count - at) * 1032 else { return nil }
            var out = [UInt8](repeating: 0, count: Int(length))
            let written = dictionary1.withUnsafeBufferPointer { dict in
                out.withUnsafeMutableBufferPointer { buffer in
                    cdeflate_decompress(bytes.baseAddress! + at, bytes.count - at, dict.baseAddress, dict.count,
                                        buffer.baseAddress, buffer.count)
                }
            }
            return written == Int(length) ? out : nil
        }
    }
}
