import Foundation

/// Event and case ids as the database stores them (`8-4-4-4-12` hex digits), read by hand:
/// Foundation's `UUID(uuidString:)` goes through `sscanf`, a tenth of `deadlines --json` on a
/// large office and a twentieth of every fold of stored events (issue 14). What the fast path does not read (anything but exactly 36 hex digits and dashes)
/// goes to Foundation, so every text gives the answer it always gave.
public enum StoredID {
    public static func uuid(_ text: String) -> UUID? {
        canonical(text) ?? UUID(uuidString: text)
    }

    private static func canonical(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { bytes -> UUID? in
            guard bytes.count == 36 else { return nil }
            for dash in [8, 13, 18, 23] where bytes[dash] != UInt8(ascii: "-") { return nil }
            var raw: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            let complete = withUnsafeMutableBytes(of: &raw) { out -> Bool in
                var at = 0
                for n in 0..<16 {
                    if at == 8 || at == 13 || at == 18 || at == 23 { at += 1 }
                    guard let high = hexDigit(bytes[at]), let low = hexDigit(bytes[at + 1]) else { return false }
                    out[n] = high << 4 | low
                    at += 2
                }
                return true
            }
            return complete ? UUID(uuid: raw) : nil
        }
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
