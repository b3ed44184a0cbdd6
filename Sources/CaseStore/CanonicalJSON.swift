import Casework
import Foundation

/// A JSON value without floating-point numbers: what event payloads are made of (EventPayload
/// promises strings, integers, booleans, arrays and objects only). Decoding a float fails, so a
/// float can never slip into the audit chain and make the canonical bytes platform-dependent.
enum CanonicalJSON: Hashable, Sendable, Decodable {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)
    case array([CanonicalJSON])
    case object([String: CanonicalJSON])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int64.self) { self = .int(i) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([CanonicalJSON].self) { self = .array(a) }
        else if let o = try? c.decode([String: CanonicalJSON].self) { self = .object(o) }
        else {
            throw DecodingError.dataCorruptedError(
                in: c, debugDescription: "not canonical JSON (floats are not allowed)")
        }
    }

    /// Parses JSON text (UTF-8) into a value.
    init(parsing data: Data) throws {
        self = try JSONDecoder().decode(CanonicalJSON.self, from: data)
    }

    /// The value of any `Encodable`, through JSONEncoder (dates must already be strings).
    init(encoding value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(CanonicalJSON.timestamp(date))
        }
        try self.init(parsing: encoder.encode(value))
    }

    /// The canonical text: object keys sorted by their UTF-8 bytes, no whitespace, strings
    /// escaped only where JSON requires (`"`, `\`, and U+0000–U+001F, as `\b \f \n \r \t` or
    /// `\u00xx` lower-case), everything else as raw UTF-8; integers in plain decimal.
    var canonicalBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(into: &out)
        return out
    }

    var canonicalText: String { String(decoding: canonicalBytes, as: UTF8.self) }

    private func write(into out: inout [UInt8]) {
        switch self {
        case .null: out += Array("null".utf8)
        case .bool(let b): out += Array((b ? "true" : "false").utf8)
        case .int(let i): out += Array(String(i).utf8)
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (n, key) in keys.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                members[key]!.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                out += Array("\\u00".utf8)
                out += [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// An instant as ISO-8601 UTC with milliseconds, `2026-01-10T09:12:03.120Z`, computed by
    /// arithmetic (no formatter, no locale): the same bytes on every platform.
    static func timestamp(_ date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var days = ms / 86_400_000
        var rest = ms % 86_400_000
        if rest < 0 { rest += 86_400_000; days -= 1 }
        let day = CivilDate(dayNumber: Int(days))
        let h = rest / 3_600_000, m = rest / 60_000 % 60, s = rest / 1000 % 60, f = rest % 1000
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                      day.year, day.month, day.day, Int(h), Int(m), Int(s), Int(f))
    }

    /// Parses what `timestamp` writes back into an instant.
    static func instant(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count == 24, b[4] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"), b[23] == UInt8(ascii: "Z"),
              let y = Int(String(text.prefix(4))) else { return nil }
        func num(_ from: Int, _ len: Int) -> Int? { Int(String(decoding: b[from..<from + len], as: UTF8.self)) }
        guard let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2),
              let s = num(17, 2), let f = num(20, 3) else { return nil }
        guard let dayNumber = CivilDate(year: y, month: mo, day: d)?.dayNumber,
              h < 24, mi < 60, s < 60 else { return nil }
        let ms = Int64(dayNumber) * 86_400_000 + Int64(h * 3_600_000 + mi * 60_000 + s * 1000 + f)
        return Date(timeIntervalSince1970: Double(ms) / 1000)
    }
}
