import Casework
import Foundation

/// One table of the office report, as every format shows it: an id (the CSV file's name, the
/// JSON key), a title for people, columns with an id (CSV header, JSON key) and a heading.
public struct ReportTable: Sendable {
    public struct Column: Sendable {
        public let id: String
        public let heading: String
    }

    public enum Cell: Sendable {
        case text(String)
        case number(Int)
        /// No figure: a median of no values. Empty in CSV, null in JSON, "—" in text.
        case none

        public init(_ value: Int?) { self = value.map { .number($0) } ?? .none }
    }

    public let id: String
    public let title: String
    public let columns: [Column]
    public let rows: [[Cell]]

    public init(_ id: String, _ title: String, _ columns: [(String, String)], _ rows: [[Cell]]) {
        self.id = id; self.title = title
        self.columns = columns.map { Column(id: $0.0, heading: $0.1) }
        self.rows = rows
    }
}
