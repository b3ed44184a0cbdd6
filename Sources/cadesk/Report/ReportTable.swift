import Casework
import Foundation

/// One table of the office report, as every format shows it: an id (the CSV file's name, the
/// JSON key), a title for people, columns with an id (CSV header, JSON key) and a heading.
struct ReportTable {
    struct Column {
        let id: String
        let heading: String
    }

    enum Cell {
        case text(String)
        case number(Int)
        /// No figure: a median of no values. Empty in CSV, null in JSON, "—" in text.
        case none

        init(_ value: Int?) { self = value.map { .number($0) } ?? .none }
    }

    let id: String
    let title: String
    let columns: [Column]
    let rows: [[Cell]]

    init(_ id: String, _ title: String, _ columns: [(String, String)], _ rows: [[Cell]]) {
        self.id = id; self.title = title
        self.columns = columns.map { Column(id: $0.0, heading: $0.1) }
        self.rows = rows
    }
}
