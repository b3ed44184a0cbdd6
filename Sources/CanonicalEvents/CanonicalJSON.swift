import Casework
import Foundation

/// A JSON value without floating-point numbers: what event payloads are made of (EventPayload
/// promises strings, integers, booleans, arrays and objects only). Decoding a float fails, so a
/// float can never slip into the audit chain and make the canonical bytes platform-dependent.
public enum CanonicalJSON: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)
    case array([CanonicalJSON])
    case object([String: CanonicalJSON])

    /// Parses JSON text (UTF-8) into a value; floats and trailing text are errors.
    public init(parsing data: Data) throws {
        var parser = JSONParser(bytes: [UInt8](data))
        self = try parser.parseDocument()
    }

    /// The value of any `Encodable` (dates as `timestamp` strings).
    public init(encoding value: some Encodable) throws {
        self = try CanonicalEncoder.encode(value)
    }

    /// The canonical text: object keys sorted by their UTF-8 bytes, no whitespace, strings
    /// escaped only where JSON requires (`"`, `\`, and U+0000–U+001F, as `\b \f \n \r \t` or
    /// `\u00xx` lower-case), everything else as raw UTF-8; integers in plain decimal.
    public var canonicalBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(into: &out)
        return out
    }

    public var canonicalText: String { String(decoding: canonicalBytes, as: UTF8.self) }

    private func write(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
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
            let keys = members.keys.sorted(by: Self.utf8Precedes)
            for (n, key) in keys.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                members[key]!.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    public static let hex = Array("0123456789abcdef".utf8)

    /// Byte order of the UTF-8 forms (what `utf8.lexicographicallyPrecedes` gives), by memcmp.
    public static func utf8Precedes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                if common > 0, let p = x.baseAddress, let q = y.baseAddress {
                    let order = memcmp(p, q, common)
                    if order != 0 { return order < 0 }
                }
                return x.count < y.count
            }
        }
    }

    public static func writeString(_ s: String, into out: inout [UInt8]) {
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
                out.append(contentsOf: "\\u00".utf8)
                out += [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// An instant as ISO-8601 UTC with milliseconds, `2026-01-10T09:12:03.120Z`, computed by
    /// arithmetic (no formatter, no locale): the same bytes on every platform.
    public static func timestamp(_ date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var days = ms / 86_400_000
        var rest = ms % 86_400_000
        if rest < 0 { rest += 86_400_000; days -= 1 }
        let day = CivilDate(dayNumber: Int(days))
        let h = Int(rest / 3_600_000), m = Int(rest / 60_000 % 60), s = Int(rest / 1000 % 60), f = Int(rest % 1000)
        var out = [UInt8]()
        out.reserveCapacity(24)
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        digits(day.year, 4); out.append(UInt8(ascii: "-")); digits(day.month, 2); out.append(UInt8(ascii: "-"))
        digits(day.day, 2); out.append(UInt8(ascii: "T")); digits(h, 2); out.append(UInt8(ascii: ":"))
        digits(m, 2); out.append(UInt8(ascii: ":")); digits(s, 2); out.append(UInt8(ascii: "."))
        digits(f, 3); out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses what `timestamp` writes back into an instant.
    public static func instant(_ text: String) -> Date? {
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

public struct CanonicalJSONError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// A small strict JSON parser: what JSONEncoder writes and what the `payload` column holds.
/// Numbers must be integers (no fraction, no exponent).
private struct JSONParser {
    let bytes: [UInt8]
    var i = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func parseDocument() throws -> CanonicalJSON {
        let value = try parseValue()
        skipSpace()
        guard i == bytes.count else { throw fail("trailing text") }
        return value
    }

    func fail(_ why: String) -> CanonicalJSONError { CanonicalJSONError(description: "JSON at byte \(i): \(why)") }

    mutating func skipSpace() {
        while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
    }

    mutating func parseValue() throws -> CanonicalJSON {
        skipSpace()
        guard i < bytes.count else { throw fail("unexpected end") }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            var members: [String: CanonicalJSON] = [:]
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a key") }
                let key = try parseString()
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                i += 1
                guard members.updateValue(try parseValue(), forKey: key) == nil else { throw fail("duplicate key \(key)") }
                skipSpace()
                guard i < bytes.count else { throw fail("unexpected end") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
                throw fail("expected ',' or '}'")
            }
        case UInt8(ascii: "["):
            i += 1
            var items: [CanonicalJSON] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            while true {
                items.append(try parseValue())
                skipSpace()
                guard i < bytes.count else { throw fail("unexpected end") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                throw fail("expected ',' or ']'")
            }
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default:
            return .int(try parseInteger())
        }
    }

    mutating func literal(_ word: String) throws {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<i + w.count]) == w else { throw fail("bad literal") }
        i += w.count
    }

    mutating func parseInteger() throws -> Int64 {
        let start = i
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
        if i < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[i]) {
            throw fail("floats are not allowed in canonical JSON")
        }
        guard let n = Int64(String(decoding: bytes[start..<i], as: UTF8.self)) else { throw fail("bad number") }
        return n
    }

    mutating func parseString() throws -> String {
        i += 1  // opening quote
        var out: [UInt8] = []
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; return String(decoding: out, as: UTF8.self) }
            if b < 0x20 { throw fail("control character in a string") }
            if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
            i += 1
            guard i < bytes.count else { break }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw fail("lone surrogate")
                    }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw fail("bad surrogate pair") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let u = Unicode.Scalar(scalar) else { throw fail("bad \\u escape") }
                out += Array(String(Character(u)).utf8)
            default:
                throw fail("bad escape")
            }
        }
        throw fail("unterminated string")
    }

    mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16) else {
            throw fail("bad \\u escape")
        }
        i += 4
        return v
    }
}

extension CivilDate {
    /// `description` (`YYYY-MM-DD`, as `String(format: "%04d-%02d-%02d")` writes it), computed
    /// without a formatter: it is written for every event, deadline and case.
    public var storedText: String {
        guard year >= 0, month >= 0, day >= 0 else { return description }
        var out = [UInt8]()
        out.reserveCapacity(10)
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1, n = 1
            while n < width || divisor * 10 <= value { divisor *= 10; n += 1 }
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        digits(year, 4); out.append(UInt8(ascii: "-")); digits(month, 2); out.append(UInt8(ascii: "-")); digits(day, 2)
        return String(decoding: out, as: UTF8.self)
    }
}
