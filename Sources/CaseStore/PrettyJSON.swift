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

    /// The document, with no final newline (as `JSONEncoder` gives it).
    public var text: String {
        var out = ""
        write(to: &out, depth: 0)
        return out
    }

    private func write(to out: inout String, depth: Int) {
        switch self {
        case .string(let value): Self.quote(value, to: &out)
        case .int(let value): out += String(value)
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            guard !items.isEmpty else { out += "[\n\n" + Self.indent(depth) + "]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                if i > 0 { out += ",\n" }
                out += Self.indent(depth + 1)
                item.write(to: &out, depth: depth + 1)
            }
            out += "\n" + Self.indent(depth) + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{\n\n" + Self.indent(depth) + "}"; return }
            out += "{\n"
            for (i, (key, value)) in members.sorted(by: { $0.0 < $1.0 }).enumerated() {
                if i > 0 { out += ",\n" }
                out += Self.indent(depth + 1)
                Self.quote(key, to: &out)
                out += " : "
                value.write(to: &out, depth: depth + 1)
            }
            out += "\n" + Self.indent(depth) + "}"
        }
    }

    private static func indent(_ depth: Int) -> String { String(repeating: "  ", count: depth) }

    /// JSON string escapes as `JSONEncoder` writes them: `\"`, `\\`, the short forms of
    /// backspace, form feed, newline, return and tab, `\u00XX` for other control characters;
    /// `/` and everything else as it is.
    private static func quote(_ value: String, to out: inout String) {
        out += "\""
        let plain = !value.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        if plain { out += value; out += "\""; return }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
