import Foundation
import TerminalKit

/// The report's three forms: text aligned for a terminal, CSV for a spreadsheet (RFC 4180),
/// JSON for scripts. All three show the same tables with the same column ids.
public enum ReportFormats {
    // MARK: Text

    /// Each table under its title, columns aligned (numbers to the right). Every text cell passes
    /// the sanitiser: the office name is stored data.
    public static func text(_ tables: [ReportTable]) -> String {
        tables.map { table in
            let cells = table.rows.map { $0.map(textCell) }
            var widths = table.columns.map { displayWidth($0.heading) }
            for row in cells { for (i, v) in row.enumerated() { widths[i] = max(widths[i], displayWidth(v)) } }
            func line(_ values: [String], numeric: [Bool]) -> String {
                values.enumerated().map { i, v in
                    TextFit.pad(v, width: widths[i], alignment: numeric[i] ? .right : .left)
                }.joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression)
            }
            let numeric = table.columns.indices.map { i in table.rows.contains { if case .text = $0[i] { false } else { true } } }
            let header = line(table.columns.map(\.heading), numeric: numeric)
            return ([Sanitize.terminalSafe(table.title), header] + cells.map { line($0, numeric: numeric) })
                .joined(separator: "\n")
        }.joined(separator: "\n\n") + "\n"
    }

    static func textCell(_ cell: ReportTable.Cell) -> String {
        switch cell {
        case .text(let s): return Sanitize.terminalSafe(s)
        case .number(let n): return String(n)
        case .none: return "—"
        }
    }

    // MARK: CSV (RFC 4180)

    /// One table: a header row of column ids, then its rows; CRLF after every record.
    public static func csv(_ table: ReportTable) -> String {
        ([table.columns.map { csvField($0.id) }] + table.rows.map { $0.map(csvCell) })
            .map { $0.joined(separator: ",") + "\r\n" }.joined()
    }

    /// Every table in one file: each section is a record holding the table's id alone, its
    /// header and rows, and an empty line before the next section.
    public static func csvSections(_ tables: [ReportTable]) -> String {
        tables.map { csvField($0.id) + "\r\n" + csv($0) }.joined(separator: "\r\n")
    }

    static func csvCell(_ cell: ReportTable.Cell) -> String {
        switch cell {
        case .text(let s): return csvField(s)
        case .number(let n): return String(n)
        case .none: return ""
        }
    }

    /// Quoted when it holds a comma, quote or line break (quotes doubled, RFC 4180 §2.6–2.7).
    /// Text a spreadsheet would run as a formula (= + - @ first) is led by a quote mark.
    public static func csvField(_ s: String) -> String {
        var text = s
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: JSON

    /// `{"tables": {"requests": [{"direction": "incoming", …}, …], …}, "titles": {…}}`, keys sorted.
    public static func json(_ tables: [ReportTable]) throws -> String {
        var body: [String: Any] = [:]
        var titles: [String: String] = [:]
        for table in tables {
            body[table.id] = table.rows.map { row in
                Dictionary(uniqueKeysWithValues: zip(table.columns.map(\.id), row.map(jsonValue)))
            }
            titles[table.id] = table.title
        }
        let data = try JSONSerialization.data(withJSONObject: ["tables": body, "titles": titles],
                                              options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func jsonValue(_ cell: ReportTable.Cell) -> Any {
        switch cell {
        case .text(let s): return s
        case .number(let n): return n
        case .none: return NSNull()
        }
    }
}
