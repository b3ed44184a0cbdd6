/// The JSON the command line prints (`--json`), written by hand: the same bytes as Foundation's
/// `JSONEncoder` with `.prettyPrinted, .sortedKeys, .withoutEscapingSlashes` (the golden files of
/// CLITests hold them), without its boxing and dynamic casts per value, which cost more than the
/// query on lists of thousands of rows (issue 14).
public indirect enum PrettyJSON: Sendable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([PrettyJSON])
    /// Members in any order: they are written sorted by key, as `.sortedKeys` does.
    case object([(String, PrettyJSON)])

    /// A string member, or `null` when absent.
    public static func optional(_ value: String?) -> PrettyJSON { value.map(PrettyJSON.string) ?? .null }

    /// The document, with no final newline (as `JSONEncoder` gives it). Written as bytes: many
    /// small appends to a `String` cost a third of `deadlines --json` on a large office.
    public var text: String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(to: &out, depth: 0)
        return String(decoding: out, as: UTF8.self)
    }

    private func write(to out: inout [UInt8], depth: Int) {
        switch self {
        case .string(let value): Self.quote(value, to: &out)
        case .int(let value): out.append(contentsOf: String(value).utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            guard !items.isEmpty else { Self.newline(&out, depth: depth, blank: true); out.append(UInt8(ascii: "]")); return }
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(&out, depth: depth + 1)
                item.write(to: &out, depth: depth + 1)
            }
            Self.newline(&out, depth: depth)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            guard !members.isEmpty else { Self.newline(&out, depth: depth, blank: true); out.append(UInt8(ascii: "}")); return }
            // Callers usually list members in key order already: sorted only when they do not.
            let inOrder = zip(members, members.dropFirst()).allSatisfy { $0.0 < $1.0 }
            for (i, (key, value)) in (inOrder ? members : members.sorted(by: { $0.0 < $1.0 })).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(&out, depth: depth + 1)
                Self.quote(key, to: &out)
                out.append(contentsOf: " : ".utf8)
                value.write(to: &out, depth: depth + 1)
            }
            Self.newline(&out, depth: depth)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A line break and the indentation of `depth` (two spaces a level); `blank` adds the empty
    /// line `JSONEncoder` writes inside an empty array or object.
    private static func newline(_ out: inout [UInt8], depth: Int, blank: Bool = false) {
        out.append(UInt8(ascii: "\n"))
        if blank { out.append(UInt8(ascii: "\n")) }
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    /// JSON string escapes as `JSONEncoder` writes them: `\"`, `\\`, the short forms of
    /// backspace, form feed, newline, return and tab, `\u00XX` for other control characters;
    /// `/` and everything else as it is.
    private static func quote(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append(contentsOf: value.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x08: out.append(contentsOf: "\\b".utf8)
            case 0x0C: out.append(contentsOf: "\\f".utf8)
            case UInt8(ascii: "\n"): out.append(contentsOf: "\\n".utf8)
            case UInt8(ascii: "\r"): out.append(contentsOf: "\\r".utf8)
            case UInt8(ascii: "\t"): out.append(contentsOf: "\\t".utf8)
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(byte >> 4)]); out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)  // UTF-8 of everything else, as it is
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
